package io.canopy.controlplane.erasure.db;

import io.canopy.controlplane.db.Columns;
import io.canopy.controlplane.erasure.ErasureState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps {@code erasures} rows. */
public final class ErasureRowMapper implements RowMapper<ErasureRow> {
  @Override
  public ErasureRow map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ErasureRow(
        rs.getObject("tenant_id", UUID.class),
        rs.getString("tenant_slug"),
        rs.getString("datasource"),
        Columns.instant(rs, "range_start"),
        Columns.instant(rs, "range_end"),
        ErasureState.fromJson(rs.getString("state")),
        Columns.strings(rs, "task_ids"),
        rs.getBoolean("pass_is_cold"),
        rs.getBoolean("cold_done"),
        rs.getInt("passes"),
        Columns.instant(rs, "handoff_at"),
        rs.getString("last_error"),
        Columns.instant(rs, "requested_at"),
        Columns.instant(rs, "updated_at"),
        Columns.instant(rs, "completed_at"));
  }
}
