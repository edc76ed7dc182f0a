package io.canopy.controlplane.query.sql;

import java.time.Instant;

/**
 * The control plane's questions about a datasource rather than of it: its columns, its segments,
 * and the span of a tenant's events in it. Written here, like every other query, so a datasource's
 * name enters SQL only through {@link SqlText}. Pure.
 */
public final class MetadataSql {
  private MetadataSql() {}

  /** Which side of the handoff line {@link #newest} looks at. */
  public enum Side {
    /** At or after the line: real-time segments. */
    LIVE,
    /** Before the line: handed-off segments. */
    SETTLED
  }

  /** Its columns and their SQL types ({@code COLUMN_NAME}, {@code DATA_TYPE}). */
  public static CompiledSql columns(String druidDatasource) {
    return new SqlText()
        .append("SELECT COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS")
        .append(" WHERE TABLE_SCHEMA = 'druid' AND TABLE_NAME = ")
        .value(druidDatasource)
        .compiled();
  }

  /** Its available segments as the broker sees them. */
  public static CompiledSql segments(String druidDatasource) {
    return new SqlText()
        .append("SELECT \"start\", \"end\", \"version\", \"partition_num\", \"is_realtime\"")
        .append(" FROM sys.segments WHERE \"datasource\" = ")
        .value(druidDatasource)
        .append(" AND \"is_available\" = 1")
        .compiled();
  }

  /** The tenant's first and last event's minute ({@code lo}, {@code hi}). */
  public static CompiledSql span(String druidDatasource, String tenant) {
    return new SqlText()
        .append("SELECT MIN(\"__time\") AS lo, MAX(\"__time\") AS hi FROM ")
        .datasource(druidDatasource)
        .append(" WHERE \"tenant\" = ")
        .value(tenant)
        .compiled();
  }

  /** The minute of the tenant's newest event ({@code t}). */
  public static CompiledSql newest(String druidDatasource, String tenant) {
    return newestText(druidDatasource, tenant).compiled();
  }

  /** As {@link #newest}, on one side of the handoff {@code line}. */
  public static CompiledSql newest(String druidDatasource, String tenant, Instant line, Side side) {
    return newestText(druidDatasource, tenant)
        .append(side == Side.LIVE ? " AND \"__time\" >= " : " AND \"__time\" < ")
        .append("MILLIS_TO_TIMESTAMP(")
        .value(line.toEpochMilli())
        .append(")")
        .compiled();
  }

  private static SqlText newestText(String druidDatasource, String tenant) {
    return new SqlText()
        .append("SELECT MAX(\"__time\") AS t FROM ")
        .datasource(druidDatasource)
        .append(" WHERE \"tenant\" = ")
        .value(tenant);
  }
}
