package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;

/** Druid SQL's TIMESTAMP values as the control plane reads them. */
final class DruidTime {
  private DruidTime() {}

  /**
   * A TIMESTAMP as Druid writes it (ISO-8601 text), or null for none: SQL null, or what {@code
   * MIN}/{@code MAX} of {@code __time} give over no rows (a time at or before the epoch).
   */
  static Instant instant(JsonNode v) {
    if (v.isNull() || v.isMissingNode() || v.asText().isEmpty()) {
      return null;
    }
    Instant t = parse(v.asText());
    return t.getEpochSecond() <= 0 ? null : t;
  }

  /**
   * ISO-8601 text as an instant. Druid's own shape, {@code 2026-12-02T10:16:00.000Z}, is read field
   * by field: a cached answer's every bucket is read on every request, and {@link Instant#parse} is
   * most of that cost. Any other shape goes to {@link Instant#parse}.
   */
  static Instant parse(String text) {
    if (text.length() != 24 || !druidShape(text)) {
      return Instant.parse(text);
    }
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
      return Instant.parse(text);
    }
    long days = LocalDate.of(digits(text, 0, 4), month, day).toEpochDay();
    long seconds = days * 86_400 + hour * 3_600L + minute * 60L + second;
    return Instant.ofEpochSecond(seconds, digits(text, 20, 3) * 1_000_000L);
  }

  private static boolean druidShape(String t) {
    for (int i = 0; i < 24; i++) {
      char c = t.charAt(i);
      char want =
          switch (i) {
            case 4, 7 -> '-';
            case 10 -> 'T';
            case 13, 16 -> ':';
            case 19 -> '.';
            case 23 -> 'Z';
            default -> '0';
          };
      if (want == '0' ? c < '0' || c > '9' : c != want) {
        return false;
      }
    }
    return true;
  }

  private static int digits(String t, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      v = v * 10 + (t.charAt(i) - '0');
    }
    return v;
  }
}
