package io.canopy.controlplane.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.quota.IngestRateLimiter;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/events} behind the HTTP layer: read the batch within the tenant's limits, find
 * the first answer of a resent batch by its idempotency key, admit the batch under the tenant's
 * rate quota (whole or not at all), validate each event, stamp tenant and receipt time, publish the
 * valid ones in one Kafka transaction, and say what happened to each. Thread-safe.
 */
public final class IngestService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private final EventBatchReader reader;
  private final EventValidator validator;
  private final IngestRateLimiter limiter;
  private final EventPublisher publisher;
  private final IdempotencyStore idempotency;
  private final ObjectMapper json;
  private final Clock clock;

  public IngestService(
      EventBatchReader reader,
      EventValidator validator,
      IngestRateLimiter limiter,
      EventPublisher publisher,
      IdempotencyStore idempotency,
      ObjectMapper json,
      Clock clock) {
    this.reader = reader;
    this.validator = validator;
    this.limiter = limiter;
    this.publisher = publisher;
    this.idempotency = idempotency;
    this.json = json;
    this.clock = clock;
  }

  /**
   * What happened to a batch: how many events Kafka committed, the rejections, and whether this is
   * the stored answer of an earlier request with the same idempotency key.
   */
  public record Result(int accepted, List<Rejection> rejected, boolean replayed) {
    public Result(int accepted, List<Rejection> rejected) {
      this(accepted, rejected, false);
    }
  }

  /** What is stored for an idempotency key: the answer without the replay flag. */
  record Stored(int accepted, List<Rejection> rejected) {}

  /**
   * @param quotas the tenant's complete quotas
   * @param idempotencyKey the request's {@code Idempotency-Key}, or null
   * @throws io.canopy.controlplane.common.OverQuotaException when over the rate quota; a conflict
   *     or invalid input for an idempotency key in use or used for another batch
   * @throws PublishException the batch was not committed to Kafka
   */
  public Result ingest(
      Caller.TenantKey key,
      Quotas quotas,
      InputStream body,
      String contentType,
      String encoding,
      String idempotencyKey) {
    if (idempotencyKey == null) {
      List<JsonNode> events = read(body, contentType, encoding, quotas);
      limiter.admit(key.tenantId(), key.tenantSlug(), quotas, events.size());
      return publish(key, events, (position, answer) -> {});
    }
    IdempotencyStore.validate(idempotencyKey);
    MessageDigest digest = sha256();
    List<JsonNode> events =
        read(new DigestInputStream(body, digest), contentType, encoding, quotas);
    Optional<String> earlier = idempotency.begin(key.tenantId(), idempotencyKey, digest.digest());
    if (earlier.isPresent()) {
      Stored stored = decode(earlier.get());
      return new Result(stored.accepted(), stored.rejected(), true);
    }
    boolean kept = false;
    try {
      limiter.admit(key.tenantId(), key.tenantSlug(), quotas, events.size());
      Result result =
          publish(
              key,
              events,
              (position, answer) ->
                  idempotency.committing(key.tenantId(), idempotencyKey, position, encode(answer)));
      kept = true; // committed: the key must not be released whatever happens next
      markDone(key, idempotencyKey, result);
      return result;
    } catch (PublishException e) {
      // A commit whose outcome is unknown keeps the key in 'committing': a resend asks Kafka.
      kept = e.isOutcomeUnknown();
      throw e;
    } finally {
      if (!kept) {
        idempotency.release(key.tenantId(), idempotencyKey);
      }
    }
  }

  /**
   * Committed batches are answered as committed even if PostgreSQL fails here: the key then stays
   * in 'committing', and a resend settles it by asking Kafka.
   */
  private void markDone(Caller.TenantKey key, String idempotencyKey, Result result) {
    try {
      idempotency.done(key.tenantId(), idempotencyKey, encode(result));
    } catch (RuntimeException e) {
      LOG.warn("Idempotency key of tenant {} not marked done: {}", key.tenantSlug(), e.toString());
    }
  }

  /** Told the answer a batch will get and where it lies, before its commit is asked for. */
  @FunctionalInterface
  private interface Committing {
    void committing(EventPublisher.RecordPosition first, Result answer);
  }

  private Result publish(Caller.TenantKey key, List<JsonNode> events, Committing beforeCommit) {
    Instant now = clock.instant();
    List<ValidEvent> valid = new ArrayList<>(events.size());
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      EventValidator.Outcome outcome = validator.validate(i, events.get(i), key.tenantSlug(), now);
      if (outcome.accepted()) {
        valid.add(outcome.event());
      } else {
        rejected.add(outcome.rejection());
      }
    }
    Result result = new Result(valid.size(), rejected);
    if (!valid.isEmpty()) {
      publisher.publish(key.topic(), valid, position -> beforeCommit.committing(position, result));
    }
    return result;
  }

  private List<JsonNode> read(
      InputStream body, String contentType, String encoding, Quotas quotas) {
    return reader.read(body, contentType, encoding, quotas.maxBatchEvents(), quotas.maxBodyBytes());
  }

  private String encode(Result result) {
    try {
      return json.writeValueAsString(new Stored(result.accepted(), result.rejected()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Stored decode(String stored) {
    try {
      return json.readValue(stored, Stored.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
