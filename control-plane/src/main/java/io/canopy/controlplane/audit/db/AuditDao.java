package io.canopy.controlplane.audit.db;

import io.canopy.controlplane.audit.AuditEntry;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit log: append-only; read newest first. */
@RegisterRowMapper(AuditRowMapper.class)
public interface AuditDao {

  @SqlUpdate(
      """
      INSERT INTO audit_log (actor, action, tenant, target, status, result)
      VALUES (:actor, :action, :tenant, :target, :status, :result)
      """)
  void insert(
      @Bind("actor") String actor,
      @Bind("action") String action,
      @Bind("tenant") String tenant,
      @Bind("target") String target,
      @Bind("status") int status,
      @Bind("result") String result);

  /** Up to {@code limit} entries older than {@code before} (an entry id), newest first. */
  @SqlQuery("SELECT * FROM audit_log WHERE id < :before ORDER BY id DESC LIMIT :limit")
  List<AuditEntry> list(@Bind("before") long before, @Bind("limit") int limit);

  /** As {@link #list}, only entries that addressed {@code tenant}. */
  @SqlQuery(
      """
      SELECT * FROM audit_log WHERE tenant = :tenant AND id < :before
      ORDER BY id DESC LIMIT :limit
      """)
  List<AuditEntry> listForTenant(
      @Bind("tenant") String tenant, @Bind("before") long before, @Bind("limit") int limit);
}
