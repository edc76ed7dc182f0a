package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.druid.DruidSql;
import io.canopy.controlplane.druid.SqlParameter;
import io.canopy.controlplane.quota.QueryLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ad-hoc read-only Druid SQL as the calling tenant: {@code SELECT}, {@code WITH} or {@code EXPLAIN}
 * only, at most {@link #ROW_LIMIT} rows, under the same quotas as every query. Which rows it reads
 * is Druid's row policy's business: the tenant's own and nothing else. Thread-safe.
 */
public final class SqlService {
  public static final int ROW_LIMIT = 10_000;
  public static final int MAX_SQL_CHARS = 100_000;

  private static final Pattern LEADING =
      Pattern.compile("\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*", Pattern.DOTALL);
  private static final Set<String> READS = Set.of("SELECT", "WITH", "EXPLAIN");
  private static final Set<String> TYPES =
      Set.of("VARCHAR", "BIGINT", "INTEGER", "DOUBLE", "FLOAT", "BOOLEAN", "TIMESTAMP", "DATE");

  private final QueryLimiter limiter;
  private final DruidSql druid;

  public SqlService(QueryLimiter limiter, DruidSql druid) {
    this.limiter = limiter;
    this.druid = druid;
  }

  /** The rows and whether the row limit cut them. */
  public record Answer(ArrayNode rows, boolean truncated, int rowLimit) {}

  /**
   * @param demand whether the client still waits; the query is cancelled in Druid once it is gone
   */
  public Answer run(
      Caller.TenantKey caller, String sql, List<SqlParameter> parameters, Demand demand) {
    requireRead(sql);
    List<SqlParameter> params = parameters == null ? List.of() : parameters;
    for (int i = 0; i < params.size(); i++) {
      SqlParameter p = params.get(i);
      if (p == null || p.type() == null || !TYPES.contains(p.type().toUpperCase(Locale.ROOT))) {
        throw new InvalidInputException(
            "parameters[" + i + "].type", "must be one of " + String.join(", ", TYPES));
      }
    }
    QueryLimiter.Slot slot = limiter.admit(caller.tenantId(), caller.tenantSlug(), caller.quotas());
    try {
      ArrayNode rows =
          druid.rows(
              TenantQuery.of(
                  caller,
                  "sql-",
                  sql,
                  params,
                  Duration.ofMillis(caller.quotas().queryTimeoutMs()),
                  "query",
                  ROW_LIMIT + 1),
              demand);
      boolean truncated = rows.size() > ROW_LIMIT;
      if (truncated) {
        rows.remove(ROW_LIMIT);
      }
      return new Answer(rows, truncated, ROW_LIMIT);
    } finally {
      slot.close();
    }
  }

  /** Refuses anything but one read: the first word after comments must be a read. */
  static void requireRead(String sql) {
    if (sql == null || sql.isBlank()) {
      throw new InvalidInputException("query", "is required: one SELECT, WITH or EXPLAIN");
    }
    if (sql.length() > MAX_SQL_CHARS) {
      throw InvalidInputException.tooLarge(
          "query", "query is longer than " + MAX_SQL_CHARS + " characters");
    }
    Matcher leading = LEADING.matcher(sql);
    String rest = leading.lookingAt() ? sql.substring(leading.end()) : sql;
    String first = rest.split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
    if (!READS.contains(first)) {
      throw new InvalidInputException(
          "query", "must be a SELECT, WITH or EXPLAIN; this API runs reads only");
    }
    String trimmed = rest.strip();
    int semicolon = trimmed.indexOf(';');
    if (semicolon >= 0 && semicolon < trimmed.length() - 1) {
      throw new InvalidInputException("query", "must be one statement");
    }
  }
}
