package io.canopy.druid.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.canopy.druid.quota.QueryQuota;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.druid.java.util.common.logger.Logger;

/**
 * Asks the control plane, the one owner of API keys, what a presented key is, and remembers the
 * answer: an active key for {@code positiveTtl} (so a revoked key or a suspended tenant stops
 * working within it), an inactive one for {@code negativeTtl}, at most {@code maxEntries} keys. The
 * key itself never leaves this process: the control plane gets its public prefix and SHA-256, and
 * the cache is keyed by the hash. When the control plane cannot be asked, nothing opens: an unknown
 * key is refused and nothing is remembered; a remembered key keeps its answer to its TTL. No key,
 * hash or secret is ever logged. Thread-safe.
 */
public class KeyIntrospector {
  private static final Logger LOG = new Logger(KeyIntrospector.class);
  private static final Pattern FORMAT = Pattern.compile("cnp_([0-9A-Za-z]{12})_[0-9A-Za-z]{40}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Grant INACTIVE =
      new Grant(false, null, List.of(), List.of(), QueryQuota.DEFAULT);

  /**
   * The control plane's answer: an inactive grant carries nothing else. {@code quota}: the tenant's
   * query quotas ({@link QueryQuota#DEFAULT} when the answer names none).
   */
  public record Grant(
      boolean active,
      String tenant,
      List<String> scopes,
      List<String> dedicated,
      QueryQuota quota) {
    boolean mayQuery() {
      return active && scopes.contains("query");
    }
  }

  private final URI endpoint;
  private final String internalSecret;
  private final HttpClient http;
  private final Cache<String, Grant> answers;

  public KeyIntrospector(
      String controlPlaneUrl,
      String internalSecret,
      Duration positiveTtl,
      Duration negativeTtl,
      long maxEntries,
      Ticker ticker) {
    this.endpoint =
        URI.create(controlPlaneUrl.replaceAll("/+$", "") + "/internal/v1/keys/introspect");
    this.internalSecret = internalSecret;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    this.answers =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .ticker(ticker)
            .expireAfter(new ByAnswer(positiveTtl, negativeTtl))
            .build();
  }

  /**
   * The control plane could not be asked about a key (down, too slow, or refusing the internal
   * secret): the key is neither granted nor refused, and its caller should retry.
   */
  public static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The tenant a key with the {@code query} scope belongs to; empty for anything else.
   *
   * @throws Unavailable when the control plane could not be asked (nothing is remembered then)
   */
  public Optional<Grant> queryGrant(String key) {
    Matcher m = key == null ? null : FORMAT.matcher(key);
    if (m == null || !m.matches()) {
      return Optional.empty(); // not a key at all: no call, nothing remembered
    }
    String prefix = m.group(1);
    // One question per key at a time: concurrent queries with the same new key wait for it. A
    // failed question throws, so it is neither remembered nor an answer.
    Grant grant = answers.get(sha256(key), hash -> ask(prefix, hash));
    return grant.mayQuery() ? Optional.of(grant) : Optional.empty();
  }

  private Grant ask(String prefix, String hash) {
    String body = JSON.createObjectNode().put("prefix", prefix).put("sha256", hash).toString();
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", "Bearer " + internalSecret)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        LOG.warn("The control plane refused a key introspection: HTTP %d", response.statusCode());
        throw new Unavailable("the control plane answered HTTP " + response.statusCode());
      }
      return grant(JSON.readTree(response.body()));
    } catch (IOException e) {
      LOG.warn(
          "The control plane could not be asked about a key: %s", e.getClass().getSimpleName());
      throw new Unavailable("the control plane could not be asked");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while asking the control plane");
    }
  }

  private static Grant grant(JsonNode answer) {
    if (!answer.path("active").asBoolean(false)) {
      return INACTIVE;
    }
    return new Grant(
        true,
        answer.path("tenant").asText(),
        strings(answer.path("scopes")),
        strings(answer.path("dedicatedDatasources")),
        quota(answer.path("queryQuotas")));
  }

  /** The quotas an answer names; the defaults for an answer without them or with odd ones. */
  private static QueryQuota quota(JsonNode quotas) {
    int concurrency = quotas.path("concurrency").asInt(0);
    int perMinute = quotas.path("perMinute").asInt(0);
    int timeoutMs = quotas.path("timeoutMs").asInt(0);
    if (concurrency < 1 || perMinute < 1 || timeoutMs < 1) {
      return QueryQuota.DEFAULT;
    }
    // The priority may be negative; an answer without one (an older control plane) gets 0.
    return new QueryQuota(concurrency, perMinute, timeoutMs, quotas.path("priority").asInt(0));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return List.copyOf(values);
  }

  static String sha256(String key) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Active answers live {@code positive}, inactive ones {@code negative}. */
  private static final class ByAnswer implements Expiry<String, Grant> {
    private final long positiveNanos;
    private final long negativeNanos;

    ByAnswer(Duration positive, Duration negative) {
      this.positiveNanos = positive.toNanos();
      this.negativeNanos = negative.toNanos();
    }

    @Override
    public long expireAfterCreate(String key, Grant grant, long now) {
      return grant.active() ? positiveNanos : negativeNanos;
    }

    @Override
    public long expireAfterUpdate(String key, Grant grant, long now, long remaining) {
      return expireAfterCreate(key, grant, now);
    }

    @Override
    public long expireAfterRead(String key, Grant grant, long now, long remaining) {
      return remaining;
    }
  }
}
