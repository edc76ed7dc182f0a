package io.canopy.druid.log;

import java.util.regex.Pattern;

/**
 * SQL text as a log may keep it: each string literal ({@code 'jane@example.com'}, {@code E'…'} with
 * its backslash escapes) becomes the literal of its digest ({@code '~1a2b3c4d5e6f'}), and each
 * comment ({@code --}, {@code //}, {@code /* … *\/}) the comment of its digest, so the query's
 * shape, identifiers and numbers stay readable. Double-quoted identifiers are kept, and so are
 * literals that are plainly a time: an ISO-8601 period ({@code 'PT1M'}), a time zone ({@code
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
        // A backslash escapes the next character in a Druid expression's string and in SQL's
        // E'…' string; elsewhere only a doubled quote does.
        boolean backslash = !comments || escapedString(sql, i);
        int end = closingQuote(sql, i + 1, '\'', backslash);
        String literal = sql.substring(i + 1, Math.min(end, n)).replace("''", "'");
        out.append('\'').append(literal(literal)).append('\'');
        i = end + 1;
      } else if (c == '"') {
        int end = closingQuote(sql, i + 1, '"', !comments);
        out.append(sql, i, Math.min(end + 1, n));
        i = end + 1;
      } else if (comments
          && (c == '-' || c == '/')
          && i + 1 < n
          && sql.charAt(i + 1) == c) { // -- and // start a comment to the line's end
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(c).append(c).append(' ').append(digest.of(sql.substring(i + 2, end)));
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

  /** Whether the quote at {@code at} opens an {@code E'…'} string (C-style escapes). */
  private static boolean escapedString(String sql, int at) {
    if (at == 0 || Character.toUpperCase(sql.charAt(at - 1)) != 'E') {
      return false;
    }
    return at == 1 || !Character.isLetterOrDigit(sql.charAt(at - 2)) && sql.charAt(at - 2) != '_';
  }

  /**
   * Where a quoted run that starts at {@code from} ends: a doubled quote is part of it, and so is a
   * character after a backslash when {@code backslash}.
   */
  private static int closingQuote(String sql, int from, char quote, boolean backslash) {
    int i = from;
    while (i < sql.length()) {
      if (backslash && sql.charAt(i) == '\\') {
        i += 2;
        continue;
      }
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
