package io.canopy.controlplane.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses an event's {@code timestamp} exactly as {@link OffsetDateTime#parse(CharSequence)} does,
 * only faster for the shape clients send: {@code 2026-11-23T12:00:00Z}, with an optional fraction
 * of 1 to 9 digits and {@code Z} or {@code ±HH:MM}. Any other text goes to {@code
 * OffsetDateTime.parse}, which accepts or refuses it. The formatter-driven parse cost about an
 * eighth of the control plane's CPU under load (docs/benchmarks.md); this costs a few field reads.
 */
final class IsoTimestamps {
  private IsoTimestamps() {}

  /**
   * @throws DateTimeParseException if {@code OffsetDateTime.parse} would throw it
   */
  static Instant parse(String text) {
    Instant fast = parseCommonShape(text);
    return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
  }

  /** The instant, or null when the text is not of the common shape or not a valid date-time. */
  private static Instant parseCommonShape(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
        nanos = nanos * 10 + (s.charAt(i++) - '0');
      }
      int length = i - start;
      if (length == 0 || (i < n && isDigit(s.charAt(i)))) {
        return null;
      }
      for (int d = length; d < 9; d++) {
        nanos *= 10;
      }
    }
    int offsetSeconds = offsetSeconds(s, i);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
    } catch (DateTimeException e) {
      return null; // out of range (31 April, hour 24): OffsetDateTime.parse says how
    }
  }

  /** {@code Z} or {@code ±HH:MM} ending the text at {@code i}, or MIN_VALUE. */
  private static int offsetSeconds(String s, int i) {
    int n = s.length();
    if (i == n - 1 && s.charAt(i) == 'Z') {
      return 0;
    }
    if (i != n - 6 || s.charAt(i + 3) != ':') {
      return Integer.MIN_VALUE;
    }
    char sign = s.charAt(i);
    int hours = digits(s, i + 1, 2);
    int minutes = digits(s, i + 4, 2);
    if ((sign != '+' && sign != '-') || hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  /** The decimal value of {@code length} digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String s, int from, int length) {
    int value = 0;
    for (int i = from; i < from + length; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
