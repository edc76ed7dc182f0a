package io.canopy.druid.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyIntrospectorTest {
  static final String KEY_A = "cnp_AAAAAAAAAAAA_" + "a".repeat(40);
  static final String KEY_B = "cnp_BBBBBBBBBBBB_" + "b".repeat(40);

  private final IntrospectionServer server = new IntrospectionServer();
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;

  KeyIntrospectorTest() throws Exception {}

  private KeyIntrospector introspector(String url, String secret) {
    return new KeyIntrospector(
        url, secret, Duration.ofSeconds(30), Duration.ofSeconds(5), 1000, ticker);
  }

  private KeyIntrospector introspector() {
    return introspector(server.url(), IntrospectionServer.SECRET);
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anActiveQueryKeyIsItsTenantAndIsAskedAboutOncePerTtl() {
    server.grant(KEY_A, "a", "\"query\"", "\"a_web\"");
    KeyIntrospector keys = introspector();

    for (int i = 0; i < 10; i++) {
      assertThat(keys.queryGrant(KEY_A))
          .hasValueSatisfying(
              g -> {
                assertThat(g.tenant()).isEqualTo("a");
                assertThat(g.dedicated()).containsExactly("a_web");
              });
    }
    assertThat(server.questions).hasValue(1);

    advance(Duration.ofSeconds(31));
    assertThat(keys.queryGrant(KEY_A)).isPresent();
    assertThat(server.questions).hasValue(2);
  }

  @Test
  void aRevokedKeyStopsWorkingWithinThePositiveTtl() {
    server.grant(KEY_A, "a", "\"query\"", "");
    KeyIntrospector keys = introspector();
    assertThat(keys.queryGrant(KEY_A)).isPresent();

    server.revoke(KEY_A);
    advance(Duration.ofSeconds(29));
    assertThat(keys.queryGrant(KEY_A)).as("still remembered").isPresent();
    advance(Duration.ofSeconds(2));
    assertThat(keys.queryGrant(KEY_A)).isEmpty();
  }

  @Test
  void anUnknownKeyIsRememberedForTheNegativeTtlOnly() {
    KeyIntrospector keys = introspector();
    assertThat(keys.queryGrant(KEY_B)).isEmpty();
    assertThat(keys.queryGrant(KEY_B)).isEmpty();
    assertThat(server.questions).hasValue(1);

    server.grant(KEY_B, "b", "\"query\"", "");
    advance(Duration.ofSeconds(6));
    assertThat(keys.queryGrant(KEY_B)).isPresent();
    assertThat(server.questions).hasValue(2);
  }

  @Test
  void aKeyWithoutTheQueryScopeOpensNothing() {
    server.grant(KEY_A, "a", "\"ingest\",\"admin\"", "");

    assertThat(introspector().queryGrant(KEY_A)).isEmpty();
  }

  @Test
  void whatIsNotAKeyIsNeverSentToTheControlPlane() {
    KeyIntrospector keys = introspector();
    for (String notAKey : new String[] {null, "", "operator", "cnp_short_x", KEY_A + "x"}) {
      assertThat(keys.queryGrant(notAKey)).isEmpty();
    }
    assertThat(server.questions).hasValue(0);
  }

  /**
   * The control plane away: a remembered key serves its TTL out; any other key is neither granted
   * nor refused but unavailable (the caller answers 503, never "unknown key").
   */
  @Test
  void theControlPlaneBeingAwayOpensNothingAndARememberedKeyKeepsItsTtl() {
    server.grant(KEY_A, "a", "\"query\"", "");
    KeyIntrospector keys = introspector();
    assertThat(keys.queryGrant(KEY_A)).isPresent();
    server.close();

    assertThat(keys.queryGrant(KEY_A)).as("remembered").isPresent();
    assertThatThrownBy(() -> keys.queryGrant(KEY_B))
        .as("unknown")
        .isInstanceOf(KeyIntrospector.Unavailable.class);
    advance(Duration.ofSeconds(31));
    assertThatThrownBy(() -> keys.queryGrant(KEY_A))
        .as("past its TTL")
        .isInstanceOf(KeyIntrospector.Unavailable.class);
  }

  @Test
  void aWrongInternalSecretIsRefusedByTheControlPlaneAndOpensNothing() {
    server.grant(KEY_A, "a", "\"query\"", "");

    assertThatThrownBy(() -> introspector(server.url(), "wrong").queryGrant(KEY_A))
        .isInstanceOf(KeyIntrospector.Unavailable.class);
  }

  @Test
  void fiftyConcurrentQueriesWithANewKeyAskOnce() throws Exception {
    server.grant(KEY_A, "a", "\"query\"", "");
    KeyIntrospector keys = introspector();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Callable<Boolean>> queries = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        queries.add(() -> keys.queryGrant(KEY_A).isPresent());
      }
      for (Future<Boolean> f : pool.invokeAll(queries)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.questions).hasValue(1);
  }
}
