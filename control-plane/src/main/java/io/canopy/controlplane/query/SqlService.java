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

/**
 * Ad-hoc read-only Druid SQL as the calling tenant: {@code SELECT}, {@code WITH} or {@code EXPLAIN}
 * only, at most {@link #ROW_LIMIT} rows, under the same quotas as every query. Which rows it reads
 * is Druid's row policy's business: the tenant's own and nothing else. Thread-safe.
 */
public final class SqlService {
  public static final int ROW_LIMIT = 10_000;
  public static final int MAX_SQL_CHARS = 100_000;

  /** What counts as white space: the characters of {@code \s} in the first word's split. */
  private static final String SPACE = " \t\n\u000B\f\r";

  private static final Set<String> READS = Set.of("SELECT", "WITH", "EXPLAIN");

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
    List<SqlParameter> params = SqlParameters.checked(parameters);
    QueryLimiter.Slot slot = limiter.admit(caller.tenantId(), caller.tenantSlug(), caller.quotas());
    try {
      ArrayNode rows =
          druid.rows(
              TenantQuery.of(
                  caller,
                  TenantQuery.newRequest(),
                  "sql-",
                  sql,
                  params,
                  Duration.ofMillis(caller.quotas().queryTimeoutMs()),
                  "query",
                  ROW_LIMIT + 1,
                  // The caller's SQL may filter on a metric column, which Druid 33 would read
                  // from the projection's per-minute totals (CompiledSql#baseRows): ad-hoc SQL
                  // reads the base rows.
                  true),
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

  /**
   * Where the statement's first word starts: past whitespace, {@code --} and {@code /* … *}{@code
   * /} comments and opening parentheses ({@code (SELECT 1)} is a read). A loop, not a regular
   * expression: a pattern that repeats a group recurses once per comment in Java and overflows the
   * stack on a few thousand of them. An unterminated block comment stays: its {@code /*} is then
   * the first word, and refused.
   */
  static int statementStart(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (SPACE.indexOf(c) >= 0 || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          return i;
        }
        i = end + 2;
      } else {
        return i;
      }
    }
    return i;
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
    String rest = sql.substring(statementStart(sql));
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
