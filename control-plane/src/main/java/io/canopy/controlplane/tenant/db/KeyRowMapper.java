package io.canopy.controlplane.tenant.db;

import io.canopy.controlplane.db.Columns;
import io.canopy.controlplane.tenant.ApiKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps the metadata rows of {@code KeyDao.listForTenant}. */
public final class KeyRowMapper implements RowMapper<ApiKey> {
  @Override
  public ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ApiKey(
        rs.getObject("id", UUID.class),
        rs.getString("prefix"),
        rs.getString("name"),
        Columns.strings(rs, "scopes"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "last_used_at"),
        Columns.instant(rs, "revoked_at"));
  }
}
