package io.canopy.controlplane.erasure.db;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Erasures of deleted tenants' pooled rows. */
@RegisterRowMapper(ErasureRowMapper.class)
public interface ErasureDao {

  /** Requests the erasure; a tenant already requested keeps its first one. */
  @SqlUpdate(
      """
      INSERT INTO erasures (tenant_id, tenant_slug, datasource, range_start, range_end)
      VALUES (:tenantId, :slug, :datasource, :rangeStart, :rangeEnd)
      ON CONFLICT (tenant_id) DO NOTHING
      """)
  void request(
      @Bind("tenantId") UUID tenantId,
      @Bind("slug") String slug,
      @Bind("datasource") String datasource,
      @Bind("rangeStart") OffsetDateTime rangeStart,
      @Bind("rangeEnd") OffsetDateTime rangeEnd);

  @SqlQuery("SELECT * FROM erasures WHERE tenant_id = :tenantId")
  Optional<ErasureRow> find(@Bind("tenantId") UUID tenantId);

  @SqlQuery("SELECT * FROM erasures WHERE state = 'pending' ORDER BY requested_at")
  List<ErasureRow> pending();

  /**
   * Records the tasks of a new pass, unless another instance started one first; returns whether
   * this call did.
   */
  @SqlUpdate(
      """
      UPDATE erasures SET task_ids = :taskIds, pass_is_cold = :cold, updated_at = now()
      WHERE tenant_id = :tenantId AND task_ids = '{}' AND state = 'pending'
      """)
  boolean startPass(
      @Bind("tenantId") UUID tenantId,
      @Bind("taskIds") String[] taskIds,
      @Bind("cold") boolean cold);

  /** Ends the pass under way; {@code error} is null when all its tasks succeeded. */
  @SqlUpdate(
      """
      UPDATE erasures
      SET task_ids = '{}', passes = passes + 1, last_error = :error, updated_at = now(),
          cold_done = cold_done OR (pass_is_cold AND CAST(:error AS TEXT) IS NULL)
      WHERE tenant_id = :tenantId AND task_ids <> '{}'
      """)
  void endPass(@Bind("tenantId") UUID tenantId, @Bind("error") String error);

  @SqlUpdate("UPDATE erasures SET handoff_at = now(), updated_at = now() WHERE tenant_id = :id")
  void handoffRequested(@Bind("id") UUID tenantId);

  @SqlUpdate(
      """
      UPDATE erasures SET state = 'done', completed_at = now(), updated_at = now()
      WHERE tenant_id = :id AND state = 'pending' AND task_ids = '{}'
      """)
  void markDone(@Bind("id") UUID tenantId);
}
