package io.canopy.controlplane.tenant.db;

import io.canopy.controlplane.common.TenantStatus;
import io.canopy.controlplane.db.Columns;
import io.canopy.controlplane.db.QuotasJson;
import io.canopy.controlplane.tenant.Tenant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps {@code SELECT} {@link Tenant#COLUMNS} {@code FROM tenants}. */
public final class TenantRowMapper implements RowMapper<Tenant> {
  @Override
  public Tenant map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Tenant(
        rs.getObject("id", UUID.class),
        rs.getString("slug"),
        rs.getString("name"),
        TenantStatus.fromJson(rs.getString("status")),
        QuotasJson.read(rs.getString("quotas")),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }
}
