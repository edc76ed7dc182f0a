package io.canopy.druid.pii.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The candidate patterns, compiled per set of types on first use and shared by every detector.
 * Patterns of the digit-based formats (cards, SSNs, phones, IPv4) are run only over the short
 * numeric stretches of a text; the others (e-mail, IBAN, IPv6) over the whole text. RE2/J simulates
 * an automaton, so its cost per character grows with the states of the pattern: running each
 * pattern only where it can match is what keeps redaction cheap. Lengths are checked after matching
 * where a format allows ({@code +} rather than {@code {1,64}}), as counted repetitions add states.
 * Thread-safe.
 */
final class CandidatePatterns {
  /** One candidate pattern; {@code numeric} ones run over numeric stretches only. */
  private record Kind(PiiType type, String regex, boolean numeric) {}

  /** In the order they win when two could start at the same position. */
  private static final List<Kind> KINDS =
      List.of(
          new Kind(
              PiiType.EMAIL,
              "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,24}\\b",
              false),
          new Kind(
              PiiType.IBAN,
              "\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b",
              false),
          // ungrouped, grouped by four (as printed), or 4-6-5 / 4-6-4 (Amex, Diners)
          new Kind(
              PiiType.CARD,
              "\\b(?:[0-9]{13,19}"
                  + "|[0-9]{4}(?:[ \\-][0-9]{4}){2}[ \\-][0-9]{1,4}(?:[ \\-][0-9]{3})?"
                  + "|[0-9]{4}[ \\-][0-9]{6}[ \\-][0-9]{4,5})\\b",
              true),
          new Kind(PiiType.SSN, "\\b[0-9]{3}-[0-9]{2}-[0-9]{4}\\b", true),
          new Kind(
              PiiType.PHONE,
              "\\+[1-9](?:[ .\\-]?[0-9]){6,14}\\b"
                  + "|(?:\\([2-9][0-9]{2}\\) ?|\\b[2-9][0-9]{2}[ .\\-])[2-9][0-9]{2}[ .\\-][0-9]{4}\\b"
                  + "|\\b0[1-9][0-9]{1,3}[ \\-/][0-9]{3,4}[ \\-]?[0-9]{3,4}\\b",
              true),
          new Kind(PiiType.IP, "(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f.]{0,15}", false),
          new Kind(PiiType.IP, "\\b(?:[0-9]{1,3}\\.){3}[0-9]{1,3}\\b", true));

  private static final int TYPES = 1 << PiiType.values().length;
  private static final AtomicReferenceArray<Scan> TEXT_SCANS = new AtomicReferenceArray<>(TYPES);
  private static final AtomicReferenceArray<Scan> RUN_SCANS = new AtomicReferenceArray<>(TYPES);

  private CandidatePatterns() {}

  /** The scan over whole texts for these types, or null when none of them is scanned that way. */
  static Scan textScan(int mask) {
    return TEXT_SCANS.updateAndGet(mask, s -> s != null ? s : Scan.of(mask, false));
  }

  /** The scan over numeric stretches for these types, or null when none of them is numeric. */
  static Scan runScan(int mask) {
    return RUN_SCANS.updateAndGet(mask, s -> s != null ? s : Scan.of(mask, true));
  }

  /** An alternation of candidate patterns; {@link #pattern} is null when it has none. */
  record Scan(Pattern pattern, PiiType[] groupTypes) {
    private static Scan of(int mask, boolean numeric) {
      StringJoiner alternatives = new StringJoiner("|");
      List<PiiType> order = new ArrayList<>();
      for (Kind kind : KINDS) {
        if (kind.numeric() == numeric && (mask & Candidates.bit(kind.type())) != 0) {
          alternatives.add("(" + kind.regex() + ")");
          order.add(kind.type());
        }
      }
      Pattern pattern = order.isEmpty() ? null : Pattern.compile(alternatives.toString());
      return new Scan(pattern, order.toArray(PiiType[]::new));
    }

    /** Adds the validated findings in {@code text[from, to)} (positions in {@code text}). */
    void findIn(String text, int from, int to, List<PiiDetector.Finding> out) {
      if (pattern == null) {
        return;
      }
      Matcher m =
          pattern.matcher(from == 0 && to == text.length() ? text : text.substring(from, to));
      int at = 0;
      while (at <= to - from && m.find(at)) {
        PiiType type = matchedType(m);
        int start = from + m.start();
        int end = from + m.end();
        while (type == PiiType.IP && end > start && text.charAt(end - 1) == '.') {
          end--; // an address ending a sentence
        }
        if (Candidates.valid(type, text, start, end)) {
          out.add(new PiiDetector.Finding(type, start, end));
        }
        at = Math.max(m.end(), m.start() + 1);
      }
    }

    private PiiType matchedType(Matcher m) {
      for (int g = 0; g < groupTypes.length; g++) {
        if (m.start(g + 1) >= 0) {
          return groupTypes[g];
        }
      }
      throw new IllegalStateException("a match without a group");
    }
  }
}
