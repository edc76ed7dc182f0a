package io.canopy.druid.log;

import java.util.regex.Pattern;

/**
 * SQL text as a log may keep it: each string literal ({@code 'jane@example.com'}) becomes the
 * literal of its digest ({@code '~1a2b3c4d5e6f'}), and each comment the comment of its digest, so
 * the query's shape, identifiers and numbers stay readable. Double-quoted identifiers are kept, and
 * so are literals that are plainly a time: an ISO-8601 period ({@code 'PT1M'}), a time zone ({@code
 * 'Europe/Berlin'}, {@code '+05:30'}) or a date-time: no person is named by one, and Druid's
 * functions refuse a digest in their place (a native query is read back after redaction). Stateless
 * beyond its digest.
 */
final class SqlRedaction {
  private static final Pattern TIME =
      Pattern.compile(
          "P[0-9YMWDTHS.]{1,30}"
              + "|UTC|GMT|Z|[A-Z][A-Za-z]{1,20}(/[A-Za-z][A-Za-z_+-]{0,30}){1,2}|[+-][0-9]{2}:?[0-9]{2}"
              + "|[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?");

  private final LogDigest digest;

  SqlRedaction(LogDigest digest) {
    this.digest = digest;
  }

  /** SQL: its literals and comments. */
  String of(String sql) {
    return of(sql, true);
  }

  /** A Druid expression: its string literals (it has no comments; {@code x--1} is arithmetic). */
  String expression(String expression) {
    return of(expression, false);
  }

  private String of(String sql, boolean comments) {
    if (sql == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'') {
        int end = closingQuote(sql, i + 1, '\'');
        String literal = sql.substring(i + 1, Math.min(end, n)).replace("''", "'");
        out.append('\'').append(literal(literal)).append('\'');
        i = end + 1;
      } else if (c == '"') {
        int end = closingQuote(sql, i + 1, '"');
        out.append(sql, i, Math.min(end + 1, n));
        i = end + 1;
      } else if (comments && c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append("-- ").append(digest.of(sql.substring(i + 2, end)));
        i = end;
      } else if (comments && c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end;
        out.append("/* ").append(digest.of(sql.substring(i + 2, end))).append(" */");
        i = end + 2;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** What a log keeps of a literal: the literal if it is a time, else its digest. */
  String literal(String value) {
    return TIME.matcher(value).matches() ? value : digest.of(value);
  }

  /** Where a quoted run that starts at {@code from} ends (a doubled quote is part of it). */
  private static int closingQuote(String sql, int from, char quote) {
    int i = from;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return sql.length();
  }
}
