package io.canopy.druid.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile input cannot slow detection down: for each detector, 100 KB of text built to make a
 * backtracking matcher explode runs within a small multiple of 100 KB of ordinary text. The matcher
 * (RE2/J) is linear by construction and every candidate's validation is bounded by the candidate's
 * length, so the expected ratio is about 1; the bound of 10 leaves room for a loaded CI machine
 * while still failing on anything super-linear (a quadratic would be ~10^4 here).
 */
class PathologicalInputTest {
  private static final int SIZE = 100 * 1024;

  /** Inputs that defeat backtracking regexes for each type's candidate pattern. */
  private static final Map<PiiType, List<String>> HOSTILE_UNITS =
      Map.of(
          PiiType.EMAIL, List.of("a.a-a_a%a+", "a@a.a-a.a"),
          PiiType.PHONE, List.of("+1 2-3.4 5", "(415) 555-"),
          PiiType.CARD, List.of("4 1-1 1-", "4111 1111 1111 1111 ", "411111111111111"),
          PiiType.IBAN, List.of("DE89 AB1C ", "DE89370400440532013"),
          PiiType.IP, List.of("1:a:1.1.", "::::", "1.1.1.1.", "ffff:ffff:"),
          PiiType.SSN, List.of("123-45-12", "123-45-678"));

  /**
   * Ordinary event text: words, paths, ids, dates and times, and the kinds of values the detectors
   * exist for, so each detector does its normal work on it.
   */
  private static final String ORDINARY_UNIT =
      "Order 12345 shipped on 2026-11-23 at 12:30; see /o/12345?ref=mail&v=2.1 (support@example.com,"
          + " +1 415 555 0100, card 4111 1111 1111 1111, ssn 078-05-1120, from 203.0.113.7,"
          + " iban DE89 3704 0044 0532 0130 00). ";

  @ParameterizedTest
  @EnumSource(PiiType.class)
  void hostileTextTakesAboutAsLongAsOrdinaryText(PiiType type) {
    for (String unit : HOSTILE_UNITS.get(type)) {
      assertLinear(type, repeat(unit));
    }
  }

  private static void assertLinear(PiiType type, String hostile) {
    PiiDetector detector = new PiiDetector(EnumSet.of(type));
    String ordinary = repeat(ORDINARY_UNIT);
    for (int i = 0; i < 3; i++) { // warm-up: JIT-compile both paths
      detector.redact(hostile);
      detector.redact(ordinary);
    }
    long hostileNanos = bestOf(detector, hostile);
    long ordinaryNanos = bestOf(detector, ordinary);
    double ratio = (double) hostileNanos / ordinaryNanos;
    System.out.printf(
        "%s [%s…]: hostile %.1f ms, ordinary %.1f ms, ratio %.2f%n",
        type.id(), hostile.substring(0, 12), hostileNanos / 1e6, ordinaryNanos / 1e6, ratio);
    assertThat(ratio).as("hostile/ordinary time for %s", type).isLessThan(10.0);
  }

  private static long bestOf(PiiDetector detector, String text) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      detector.redact(text);
      best = Math.min(best, System.nanoTime() - start);
    }
    return best;
  }

  private static String repeat(String unit) {
    return unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE);
  }
}
