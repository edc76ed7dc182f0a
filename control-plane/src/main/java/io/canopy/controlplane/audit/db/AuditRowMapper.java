package io.canopy.controlplane.audit.db;

import io.canopy.controlplane.audit.AuditEntry;
import io.canopy.controlplane.db.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps {@code audit_log} rows. */
public final class AuditRowMapper implements RowMapper<AuditEntry> {
  @Override
  public AuditEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new AuditEntry(
        rs.getLong("id"),
        Columns.instant(rs, "at"),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("tenant"),
        rs.getString("target"),
        rs.getInt("status"),
        rs.getString("result"));
  }
}
