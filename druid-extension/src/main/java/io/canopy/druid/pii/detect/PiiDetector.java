package io.canopy.druid.pii.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Finds personal data in free text: linear-time scans (RE2/J, which has no backtracking, so no
 * input can make it slow; see {@link CandidatePatterns}) propose candidates, and each candidate is
 * then validated the way its format demands — Luhn and an issuer prefix for cards, mod-97 and the
 * country's length for IBANs, a strict parse for IP addresses, the SSA rules for SSNs. Validation
 * is what keeps order ids, timestamps, version strings and hex ids from being redacted.
 *
 * <p>Immutable and thread-safe. Compiled patterns are shared by all detectors.
 */
public final class PiiDetector {
  /** The types whose candidates are looked for in numeric stretches only (see below). */
  private static final int NUMERIC =
      Candidates.bit(PiiType.CARD)
          | Candidates.bit(PiiType.SSN)
          | Candidates.bit(PiiType.PHONE)
          | Candidates.bit(PiiType.IP);

  /** One piece of personal data: its type and its span {@code [start, end)} in the text. */
  public record Finding(PiiType type, int start, int end) {}

  private static final Comparator<Finding> LEFTMOST_LONGEST =
      Comparator.comparingInt(Finding::start).thenComparing(f -> -f.end());

  private final int mask;

  public PiiDetector(Set<PiiType> types) {
    int m = 0;
    for (PiiType type : types) {
      m |= Candidates.bit(type);
    }
    this.mask = m;
    CandidatePatterns.textScan(mask); // compile now: fail fast, and keep rows from waiting
    CandidatePatterns.runScan(mask);
  }

  private static final PiiDetector ALL = new PiiDetector(EnumSet.allOf(PiiType.class));

  /** The detector for every type (shared: detectors are immutable). */
  public static PiiDetector all() {
    return ALL;
  }

  /**
   * Every validated finding, left to right, never overlapping. Types the text cannot contain are
   * skipped ({@link Candidates#possibleTypes}); the digit-based ones are looked for only in the
   * text's numeric stretches (digits and {@code + - . ( ) /} and spaces between them), each with
   * the character either side of it so word boundaries match as in the whole text.
   */
  public List<Finding> find(String text) {
    int possible = Candidates.possibleTypes(text) & mask;
    if (possible == 0) {
      return List.of();
    }
    List<Finding> found = new ArrayList<>();
    CandidatePatterns.textScan(possible).findIn(text, 0, text.length(), found);
    if ((possible & NUMERIC) != 0) {
      findInNumericStretches(text, possible & NUMERIC, found);
    }
    return withoutOverlaps(found);
  }

  private static void findInNumericStretches(String text, int types, List<Finding> found) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!numeric(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && numeric(text.charAt(i))) {
        i++;
      }
      int from = Math.max(0, start - 1);
      int to = Math.min(n, i + 1);
      int possible = Candidates.possibleTypes(text, from, to) & types;
      if (possible != 0) {
        CandidatePatterns.runScan(possible).findIn(text, from, to, found);
      }
    }
  }

  private static boolean numeric(char c) {
    return c >= '0' && c <= '9'
        || c == ' '
        || c == '+'
        || c == '-'
        || c == '.'
        || c == '('
        || c == ')'
        || c == '/';
  }

  private static List<Finding> withoutOverlaps(List<Finding> found) {
    if (found.size() < 2) {
      return found;
    }
    found.sort(LEFTMOST_LONGEST);
    List<Finding> kept = new ArrayList<>(found.size());
    int end = -1;
    for (Finding f : found) {
      if (f.start() >= end) {
        kept.add(f);
        end = f.end();
      }
    }
    return kept;
  }

  /**
   * The text with each finding replaced by its type's placeholder; null stays null. URL-encoded
   * text is redacted in its decoded form, and URL parameters named for personal data ({@code
   * email}, {@code token}, …) lose their values ({@link UrlText}).
   */
  @Nullable
  public String redact(@Nullable String text) {
    if (text == null) {
      return null;
    }
    return UrlText.applies(text) ? UrlText.redact(text, this::redactPlain) : redactPlain(text);
  }

  private String redactPlain(String text) {
    List<Finding> findings = find(text);
    if (findings.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    for (Finding f : findings) {
      out.append(text, last, f.start()).append(f.type().placeholder());
      last = f.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  /** The distinct types found, in {@link PiiType} order, in the text and in its URL-decoding. */
  public EnumSet<PiiType> detect(@Nullable String text) {
    EnumSet<PiiType> found = EnumSet.noneOf(PiiType.class);
    if (text != null) {
      for (Finding f : find(text)) {
        found.add(f.type());
      }
      String decoded = UrlText.applies(text) ? UrlText.decode(text, text.indexOf(' ') < 0) : text;
      if (!decoded.equals(text)) {
        for (Finding f : find(decoded)) {
          found.add(f.type());
        }
      }
    }
    return found;
  }
}
