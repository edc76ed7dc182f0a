package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.druid.SqlParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Druid SQL text being written, with its parameters in order. Values go in only as {@code ?} with a
 * parameter; identifiers only through {@link #identifier}, which takes names the caller has checked
 * against the datasource's columns and quotes them, and {@link #datasource}, which takes the Druid
 * name of a datasource Canopy made. This is the only way a name enters the control plane's Druid
 * SQL. Not thread-safe: one per query.
 */
final class SqlText {
  /** The names Canopy will quote: letters, digits, underscores, not starting with a digit. */
  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /**
   * The Druid datasource names Canopy makes: the pooled one, and a dedicated one's {@code <tenant
   * slug>_<name>}, whose slug may hold hyphens.
   */
  static final Pattern DATASOURCE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,254}");

  private final StringBuilder sql = new StringBuilder();
  private final List<SqlParameter> parameters = new ArrayList<>();
  private boolean baseRows;

  SqlText append(String text) {
    sql.append(text);
    return this;
  }

  SqlText identifier(String name) {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("not a checked identifier");
    }
    sql.append('"').append(name).append('"');
    return this;
  }

  /** A datasource's Druid name, quoted. */
  SqlText datasource(String druidName) {
    if (!DATASOURCE.matcher(druidName).matches()) {
      throw new IllegalArgumentException("not a datasource name Canopy makes");
    }
    sql.append('"').append(druidName).append('"');
    return this;
  }

  SqlText value(String value) {
    return parameter(SqlParameter.varchar(value));
  }

  SqlText value(double value) {
    return parameter(SqlParameter.number(value));
  }

  SqlText value(long value) {
    return parameter(SqlParameter.bigint(value));
  }

  private SqlText parameter(SqlParameter p) {
    sql.append('?');
    parameters.add(p);
    return this;
  }

  /** Appends another piece with its parameters. */
  SqlText append(SqlText other) {
    sql.append(other.sql);
    parameters.addAll(other.parameters);
    baseRows |= other.baseRows;
    return this;
  }

  /** This piece filters on a metric column: the query must read the base rows. */
  SqlText filtersOnMetric() {
    baseRows = true;
    return this;
  }

  boolean isEmpty() {
    return sql.length() == 0;
  }

  CompiledSql compiled() {
    return new CompiledSql(sql.toString(), List.copyOf(parameters), baseRows);
  }
}
