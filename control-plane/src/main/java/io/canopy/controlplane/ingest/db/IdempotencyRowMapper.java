package io.canopy.controlplane.ingest.db;

import io.canopy.controlplane.db.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps {@code idempotency_keys} rows. */
public final class IdempotencyRowMapper implements RowMapper<IdempotencyRow> {
  @Override
  public IdempotencyRow map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new IdempotencyRow(
        rs.getObject("tenant_id", UUID.class),
        rs.getString("idempotency_key"),
        rs.getBytes("request_hash"),
        rs.getString("state"),
        rs.getString("kafka_topic"),
        rs.getObject("kafka_partition", Integer.class),
        rs.getObject("kafka_offset", Long.class),
        rs.getString("response"),
        Columns.instant(rs, "updated_at"));
  }
}
