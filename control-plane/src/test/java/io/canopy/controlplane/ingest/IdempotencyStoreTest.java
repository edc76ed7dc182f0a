package io.canopy.controlplane.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.MovableClock;
import io.canopy.controlplane.PostgresExtension;
import io.canopy.controlplane.common.ConflictException;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.config.KafkaConfig;
import io.canopy.controlplane.ingest.db.IdempotencyDao;
import io.canopy.controlplane.tenant.db.TenantDao;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Idempotency keys on a real PostgreSQL: every state, race and expiry, Kafka's answer faked. */
class IdempotencyStoreTest {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();
  private static final Duration STALE = Duration.ofSeconds(60);
  private static final byte[] BODY = "[{\"event\":\"a\"}]".getBytes(StandardCharsets.UTF_8);
  private static final EventPublisher.RecordPosition FIRST =
      new EventPublisher.RecordPosition("canopy-events", 1, 42);

  private static TenantDao tenants;
  private static IdempotencyDao dao;

  private final MovableClock clock = new MovableClock();
  private final FakeProbe probe = new FakeProbe();
  private IdempotencyStore store;
  private UUID tenant;
  private String key;

  @BeforeAll
  static void migrate() {
    tenants = POSTGRES.migratedJdbi().onDemand(TenantDao.class);
    dao = POSTGRES.migratedJdbi().onDemand(IdempotencyDao.class);
  }

  @BeforeEach
  void setUp() {
    store = new IdempotencyStore(dao, probe, STALE, clock);
    String slug = "idem-" + UUID.randomUUID().toString().substring(0, 8);
    tenant = tenants.create(slug, slug, Quotas.UNSET);
    key = "batch-" + UUID.randomUUID();
  }

  @Test
  void aResendWhileTheFirstRunsIsInProgressAndAfterItIsTheFirstAnswer() {
    assertThat(store.begin(tenant, key, BODY)).isEmpty();
    assertThatThrownBy(() -> store.begin(tenant, key, BODY))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.field()).isEqualTo("Idempotency-Key");
              assertThat(e.retryAfterSeconds()).isPositive();
            });

    store.committing(tenant, key, FIRST, "{\"accepted\":1}");
    store.done(tenant, key, "{\"accepted\":1,\"rejected\":[]}");

    assertThat(store.begin(tenant, key, BODY)).contains("{\"accepted\":1,\"rejected\":[]}");
    assertThat(probe.asked).isZero();
  }

  @Test
  void theSameKeyWithAnotherBatchIs422() {
    store.begin(tenant, key, BODY);

    assertThatThrownBy(() -> store.begin(tenant, key, "[]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(InvalidInputException.Kind.UNPROCESSABLE);
              assertThat(e.field()).isEqualTo("Idempotency-Key");
            });
  }

  @Test
  void keysArePerTenant() {
    UUID other = tenants.create("idem-other-" + key.substring(6, 14), "o", Quotas.UNSET);
    store.begin(tenant, key, BODY);

    assertThat(store.begin(other, key, BODY)).isEmpty();
  }

  @Test
  void aReleasedKeyIsClaimedAgain() {
    store.begin(tenant, key, BODY);
    store.release(tenant, key);

    assertThat(store.begin(tenant, key, BODY)).isEmpty();
  }

  @Test
  void anAttemptThatDiedBeforeItsCommitIsTakenOverOnceStale() {
    store.begin(tenant, key, BODY);
    clock.advance(STALE.plusSeconds(1));

    assertThat(store.begin(tenant, key, BODY)).isEmpty();
    assertThat(probe.asked).isZero();
    // The taker owns the key now; the dead attempt, were it to wake up, may not commit.
    assertThat(dao.find(tenant, key).orElseThrow().state()).isEqualTo("started");
  }

  @Test
  void anAttemptTakenOverMayNotCommit() {
    store.begin(tenant, key, BODY);
    clock.advance(STALE.plusSeconds(1));
    store.begin(tenant, key, BODY);
    store.committing(tenant, key, FIRST, "{\"accepted\":1}");

    assertThatThrownBy(() -> store.committing(tenant, key, FIRST, "{\"accepted\":1}"))
        .isInstanceOf(PublishException.class);
  }

  @Test
  void aStaleCommitThatKafkaCommittedIsAnsweredAsTheFirstAnswer() {
    diedMidCommit("{\"accepted\":1,\"rejected\":[]}", CommitProbe.Outcome.COMMITTED);

    assertThat(store.begin(tenant, key, BODY)).contains("{\"accepted\":1,\"rejected\":[]}");
    assertThat(probe.lastAsked).isEqualTo(FIRST);
    assertThat(dao.find(tenant, key).orElseThrow().state()).isEqualTo("done");
  }

  @Test
  void aStaleCommitThatKafkaAbortedIsTakenOver() {
    diedMidCommit("{\"accepted\":1}", CommitProbe.Outcome.ABORTED);

    assertThat(store.begin(tenant, key, BODY)).isEmpty();
    assertThat(dao.find(tenant, key).orElseThrow().kafkaOffset()).isNull();
  }

  @Test
  void aStaleCommitKafkaHasNotSettledIsStillInProgress() {
    diedMidCommit("{\"accepted\":1}", CommitProbe.Outcome.UNDECIDED);

    assertThatThrownBy(() -> store.begin(tenant, key, BODY))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.retryAfterSeconds()).isPositive());
    assertThat(dao.find(tenant, key).orElseThrow().state()).isEqualTo("committing");
  }

  /** An attempt that reached the commit and died there, and what Kafka will say of it. */
  private void diedMidCommit(String answer, CommitProbe.Outcome kafkaSays) {
    store.begin(tenant, key, BODY);
    store.committing(tenant, key, FIRST, answer);
    clock.advance(STALE.plusSeconds(1));
    probe.outcome = kafkaSays;
  }

  @Test
  void keysAreForgottenAfterADay() {
    store.begin(tenant, key, BODY);
    store.done(tenant, key, "{}");

    assertThat(store.forgetExpired()).isZero();
    clock.advance(Duration.ofHours(24).plusMinutes(1));
    assertThat(store.forgetExpired()).isPositive();
    assertThat(dao.find(tenant, key)).isEmpty();
  }

  @Test
  void aKeyIsOneToTwoHundredFiftyFiveVisibleAsciiCharacters() {
    assertThat(IdempotencyStore.validate("a")).isEqualTo("a");
    assertThat(IdempotencyStore.validate("k".repeat(255))).hasSize(255);
    for (String bad : new String[] {"", "k".repeat(256), "a b", "a\u0000b", "clé", "a\tb"}) {
      assertThatThrownBy(() -> IdempotencyStore.validate(bad))
          .as("%s", bad)
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(InvalidInputException.Kind.INVALID);
                assertThat(e.field()).isEqualTo("Idempotency-Key");
              });
    }
  }

  /** The real clock, moved forward by the test. */
  /** Kafka's answer, as the test sets it. */
  private static final class FakeProbe extends CommitProbe {
    CommitProbe.Outcome outcome = CommitProbe.Outcome.UNDECIDED;
    EventPublisher.RecordPosition lastAsked;
    int asked;

    FakeProbe() {
      super(new KafkaConfig());
    }

    @Override
    public Outcome outcome(EventPublisher.RecordPosition first) {
      asked++;
      lastAsked = first;
      return outcome;
    }
  }
}
