package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.druid.SqlParameter;
import java.util.List;

/**
 * A Druid SQL query and its dynamic parameters, ready to send. {@code baseRows}: it must read the
 * datasource's base rows, never a projection: its filter reads a metric column, which Druid 33
 * would read from a projection's pre-aggregated column of the same name (the minute's total across
 * the projection's rows, not each rolled-up row's value). The same SQL text always has the same
 * {@code baseRows}. Immutable.
 */
public record CompiledSql(String sql, List<SqlParameter> parameters, boolean baseRows) {
  public CompiledSql(String sql, List<SqlParameter> parameters) {
    this(sql, parameters, false);
  }
}
