package io.canopy.controlplane.auth.db;

import io.canopy.controlplane.common.TenantStatus;
import io.canopy.controlplane.db.Columns;
import io.canopy.controlplane.db.QuotasJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps the key-with-tenant row of {@code ApiKeyDao.findActiveByPrefix}. */
public final class ActiveKeyMapper implements RowMapper<ApiKeyRow> {
  @Override
  public ApiKeyRow map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ApiKeyRow(
        rs.getObject("id", UUID.class),
        rs.getString("prefix"),
        rs.getObject("tenant_id", UUID.class),
        rs.getString("slug"),
        TenantStatus.fromJson(rs.getString("status")),
        QuotasJson.read(rs.getString("quotas")),
        rs.getBytes("secret_hash"),
        Set.copyOf(Columns.strings(rs, "scopes")),
        rs.getString("topic"),
        rs.getString("druid_name"));
  }
}
