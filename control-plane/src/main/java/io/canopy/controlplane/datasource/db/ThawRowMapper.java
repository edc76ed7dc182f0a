package io.canopy.controlplane.datasource.db;

import io.canopy.controlplane.datasource.Thaw;
import io.canopy.controlplane.db.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps {@code thaws} rows. */
public final class ThawRowMapper implements RowMapper<Thaw> {
  @Override
  public Thaw map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Thaw(
        rs.getObject("id", UUID.class),
        rs.getObject("datasource_id", UUID.class),
        rs.getString("interval"),
        Columns.instant(rs, "expires_at"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "expired_at"));
  }
}
