package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.druid.SqlParameter;
import java.util.List;

/** A Druid SQL query and its dynamic parameters, ready to send. Immutable. */
public record CompiledSql(String sql, List<SqlParameter> parameters) {}
