package io.canopy.controlplane.datasource.db;

import io.canopy.controlplane.datasource.Datasource;
import io.canopy.controlplane.datasource.DatasourceStatus;
import io.canopy.controlplane.db.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps {@code datasources} rows. */
public final class DatasourceRowMapper implements RowMapper<Datasource> {
  @Override
  public Datasource map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Datasource(
        rs.getObject("id", UUID.class),
        rs.getObject("tenant_id", UUID.class),
        rs.getString("name"),
        rs.getString("druid_name"),
        rs.getString("topic"),
        rs.getString("preset"),
        Columns.strings(rs, "dimensions"),
        DatasourceStatus.fromJson(rs.getString("status")),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }
}
