package io.canopy.controlplane.ingest;

import io.canopy.controlplane.common.ConflictException;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.ingest.db.IdempotencyDao;
import io.canopy.controlplane.ingest.db.IdempotencyRow;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} of {@code POST /v1/events}, per tenant, kept {@link #KEPT}. A key
 * moves from {@code started} to {@code committing} (every record acknowledged by Kafka, the answer
 * written down) to {@code done} (committed). A resend finds the first answer once done; while the
 * first attempt runs it gets 409; an attempt that died is taken over once it is older than the
 * longest an attempt can take, and one that died mid-commit is settled by asking Kafka whether its
 * first record is committed. Thread-safe.
 */
public final class IdempotencyStore {
  public static final String HEADER = "Idempotency-Key";

  /** How long a key is remembered. */
  public static final Duration KEPT = Duration.ofHours(24);

  private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private final IdempotencyDao dao;
  private final CommitProbe probe;
  private final Duration staleAfter;
  private final Clock clock;

  /**
   * @param staleAfter longer than any attempt can take (delivery deadline plus the commit's retry
   *     window): an attempt not finished by then died
   */
  public IdempotencyStore(IdempotencyDao dao, CommitProbe probe, Duration staleAfter, Clock clock) {
    this.dao = dao;
    this.probe = probe;
    this.staleAfter = staleAfter;
    this.clock = clock;
  }

  /** Refuses a key that is not 1–255 visible ASCII characters (400 naming the header). */
  public static String validate(String key) {
    if (!VALID.matcher(key).matches()) {
      throw new InvalidInputException(HEADER, "must be 1 to 255 visible ASCII characters");
    }
    return key;
  }

  /**
   * Takes the key for this request, or finds the answer of the request that had it first.
   *
   * @param hash SHA-256 of the request body
   * @return the earlier answer's JSON, or empty when this request now owns the key
   * @throws InvalidInputException when the key came with another body, ConflictException while
   *     another attempt runs
   */
  public Optional<String> begin(UUID tenantId, String key, byte[] hash) {
    for (int attempt = 0; attempt < 3; attempt++) {
      if (dao.claim(tenantId, key, hash)) {
        return Optional.empty();
      }
      Optional<IdempotencyRow> found = dao.find(tenantId, key);
      if (found.isEmpty()) {
        continue; // released by its attempt meanwhile: claim again
      }
      IdempotencyRow row = found.get();
      if (!MessageDigest.isEqual(row.requestHash(), hash)) {
        throw InvalidInputException.unprocessable(
            HEADER, HEADER + " was already used for another batch; use a new key for each batch");
      }
      if (row.state().equals("done")) {
        return Optional.of(row.response());
      }
      if (!stale(row)) {
        throw inProgress();
      }
      if (row.state().equals("committing")) {
        EventPublisher.RecordPosition first =
            new EventPublisher.RecordPosition(
                row.kafkaTopic(), row.kafkaPartition(), row.kafkaOffset());
        CommitProbe.Outcome outcome = probe.outcome(first);
        if (outcome == CommitProbe.Outcome.COMMITTED) {
          dao.done(tenantId, key, null);
          return Optional.of(row.response());
        }
        if (outcome == CommitProbe.Outcome.UNDECIDED) {
          throw inProgress();
        }
      }
      if (dao.takeOver(tenantId, key, OffsetDateTime.ofInstant(row.updatedAt(), ZoneOffset.UTC))) {
        return Optional.empty();
      }
    }
    throw inProgress();
  }

  /**
   * Writes down the answer before the commit is asked for.
   *
   * @throws PublishException when the key was taken over meanwhile: the batch must not commit
   */
  public void committing(
      UUID tenantId, String key, EventPublisher.RecordPosition first, String response) {
    if (!dao.committing(
        tenantId, key, first.topic(), first.partition(), first.offset(), response)) {
      throw new PublishException(
          "the batch took longer than " + staleAfter.toSeconds() + " s", null);
    }
  }

  /** The batch is committed; {@code response} is set when it was not written down before. */
  public void done(UUID tenantId, String key, String response) {
    dao.done(tenantId, key, response);
  }

  /** The batch was refused or not stored: a resend with this key is handled anew. */
  public void release(UUID tenantId, String key) {
    dao.release(tenantId, key);
  }

  /** Forgets keys older than {@link #KEPT}; returns how many. */
  public int forgetExpired() {
    return dao.deleteOlderThan(
        OffsetDateTime.ofInstant(clock.instant().minus(KEPT), ZoneOffset.UTC));
  }

  private boolean stale(IdempotencyRow row) {
    return row.updatedAt().plus(staleAfter).isBefore(clock.instant());
  }

  private static ConflictException inProgress() {
    return ConflictException.inProgress(
        HEADER, "a request with this " + HEADER + " is still being handled; retry shortly", 2);
  }
}
