package io.canopy.controlplane.ingest.db;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Idempotency keys of the ingest API. Every change of state is a conditional UPDATE, so of two
 * requests (or instances) racing on one key exactly one wins each step.
 */
@RegisterRowMapper(IdempotencyRowMapper.class)
public interface IdempotencyDao {

  /** Claims a key not seen before; returns false when it exists. */
  @SqlUpdate(
      """
      INSERT INTO idempotency_keys (tenant_id, idempotency_key, request_hash, state)
      VALUES (:tenantId, :key, :hash, 'started')
      ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
      """)
  boolean claim(
      @Bind("tenantId") UUID tenantId, @Bind("key") String key, @Bind("hash") byte[] hash);

  @SqlQuery("SELECT * FROM idempotency_keys WHERE tenant_id = :tenantId AND idempotency_key = :key")
  Optional<IdempotencyRow> find(@Bind("tenantId") UUID tenantId, @Bind("key") String key);

  /**
   * Takes over a key whose batch is known not to be stored (its request died before the commit, or
   * Kafka aborted it); {@code seenAt} is the row's {@code updated_at} as read, so only one taker
   * wins.
   */
  @SqlUpdate(
      """
      UPDATE idempotency_keys
      SET state = 'started', kafka_topic = NULL, kafka_partition = NULL, kafka_offset = NULL,
          response = NULL, updated_at = now()
      WHERE tenant_id = :tenantId AND idempotency_key = :key AND state <> 'done'
        AND updated_at = :seenAt
      """)
  boolean takeOver(
      @Bind("tenantId") UUID tenantId,
      @Bind("key") String key,
      @Bind("seenAt") OffsetDateTime seenAt);

  /** Every record is acknowledged and the commit is about to be asked for. */
  @SqlUpdate(
      """
      UPDATE idempotency_keys
      SET state = 'committing', kafka_topic = :topic, kafka_partition = :partition,
          kafka_offset = :offset, response = :response, updated_at = now()
      WHERE tenant_id = :tenantId AND idempotency_key = :key AND state = 'started'
      """)
  boolean committing(
      @Bind("tenantId") UUID tenantId,
      @Bind("key") String key,
      @Bind("topic") String topic,
      @Bind("partition") int partition,
      @Bind("offset") long offset,
      @Bind("response") String response);

  /** The batch is committed (or had nothing to send, then with its response). */
  @SqlUpdate(
      """
      UPDATE idempotency_keys
      SET state = 'done', response = COALESCE(CAST(:response AS TEXT), response), updated_at = now()
      WHERE tenant_id = :tenantId AND idempotency_key = :key AND state <> 'done'
      """)
  void done(
      @Bind("tenantId") UUID tenantId, @Bind("key") String key, @Bind("response") String response);

  /** Gives a key back after its batch was refused or not stored, so a resend is handled anew. */
  @SqlUpdate(
      """
      DELETE FROM idempotency_keys
      WHERE tenant_id = :tenantId AND idempotency_key = :key AND state <> 'done'
      """)
  void release(@Bind("tenantId") UUID tenantId, @Bind("key") String key);

  /** Forgets keys older than the cutoff; returns how many. */
  @SqlUpdate("DELETE FROM idempotency_keys WHERE created_at < :cutoff")
  int deleteOlderThan(@Bind("cutoff") OffsetDateTime cutoff);
}
