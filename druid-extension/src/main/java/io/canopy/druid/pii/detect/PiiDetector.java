package io.canopy.druid.pii.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.canopy.druid.pii.ip.IpAddresses;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import javax.annotation.Nullable;

/**
 * Finds personal data in free text: one linear-time scan (RE2/J, which has no backtracking, so no
 * input can make it slow) proposes candidates, and each candidate is then validated the way its
 * format demands — Luhn and an issuer prefix for cards, mod-97 and the country's length for IBANs,
 * a strict parse for IP addresses, the SSA rules for SSNs. Validation is what keeps order ids,
 * timestamps, version strings and hex ids from being redacted.
 *
 * <p>Immutable and thread-safe; build one per set of types and reuse it (compiling is the costly
 * part).
 */
public final class PiiDetector {
  /**
   * Candidate patterns, in the order they win when two could start at the same position. Lengths
   * are checked after matching where the format allows it ({@code +} rather than {@code {1,64}}):
   * RE2/J simulates an NFA, and every counted repetition adds states it must track at each
   * position, which is what hostile input exploits.
   */
  private static final Map<PiiType, String> PATTERNS = new EnumMap<>(PiiType.class);

  static {
    PATTERNS.put(
        PiiType.EMAIL,
        "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,24}\\b");
    PATTERNS.put(PiiType.IBAN, "\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b");
    PATTERNS.put( // ungrouped, grouped by four (as printed), or 4-6-5 / 4-6-4 (Amex, Diners)
        PiiType.CARD,
        "\\b(?:[0-9]{13,19}"
            + "|[0-9]{4}(?:[ \\-][0-9]{4}){2}[ \\-][0-9]{1,4}(?:[ \\-][0-9]{3})?"
            + "|[0-9]{4}[ \\-][0-9]{6}[ \\-][0-9]{4,5})\\b");
    PATTERNS.put(PiiType.SSN, "\\b[0-9]{3}-[0-9]{2}-[0-9]{4}\\b");
    PATTERNS.put(
        PiiType.PHONE,
        "\\+[1-9](?:[ .\\-]?[0-9]){6,14}\\b"
            + "|(?:\\([2-9][0-9]{2}\\) ?|\\b[2-9][0-9]{2}[ .\\-])[2-9][0-9]{2}[ .\\-][0-9]{4}\\b"
            + "|\\b0[1-9][0-9]{1,3}[ \\-/][0-9]{3,4}[ \\-]?[0-9]{3,4}\\b");
    PATTERNS.put(
        PiiType.IP,
        "(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f.]{0,15}" + "|\\b(?:[0-9]{1,3}\\.){3}[0-9]{1,3}\\b");
  }

  /** One piece of personal data: its type and its span {@code [start, end)} in the text. */
  public record Finding(PiiType type, int start, int end) {}

  private final Pattern pattern;
  private final PiiType[] groupTypes;
  private final EnumSet<PiiType> types;

  public PiiDetector(Set<PiiType> types) {
    this.types = EnumSet.copyOf(types);
    StringJoiner alternatives = new StringJoiner("|");
    List<PiiType> order = new ArrayList<>();
    for (Map.Entry<PiiType, String> entry : PATTERNS.entrySet()) {
      if (this.types.contains(entry.getKey())) {
        alternatives.add("(" + entry.getValue() + ")");
        order.add(entry.getKey());
      }
    }
    this.pattern = Pattern.compile(alternatives.toString());
    this.groupTypes = order.toArray(PiiType[]::new);
  }

  /** A detector for every type. */
  public static PiiDetector all() {
    return new PiiDetector(EnumSet.allOf(PiiType.class));
  }

  public Set<PiiType> types() {
    return EnumSet.copyOf(types);
  }

  /** Every validated finding, left to right, never overlapping. */
  public List<Finding> find(String text) {
    List<Finding> findings = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    int from = 0;
    while (from <= text.length() && m.find(from)) {
      PiiType type = matchedType(m);
      int end = m.end();
      while (type == PiiType.IP && end > m.start() && text.charAt(end - 1) == '.') {
        end--; // an address ending a sentence
      }
      if (valid(type, text, m.start(), end)) {
        findings.add(new Finding(type, m.start(), end));
      }
      from = Math.max(m.end(), m.start() + 1);
    }
    return findings;
  }

  /** The text with each finding replaced by its type's placeholder; null stays null. */
  @Nullable
  public String redact(@Nullable String text) {
    if (text == null) {
      return null;
    }
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

  /** The distinct types found, in {@link PiiType} order. */
  public EnumSet<PiiType> detect(@Nullable String text) {
    EnumSet<PiiType> found = EnumSet.noneOf(PiiType.class);
    if (text != null) {
      for (Finding f : find(text)) {
        found.add(f.type());
      }
    }
    return found;
  }

  private PiiType matchedType(Matcher m) {
    for (int g = 0; g < groupTypes.length; g++) {
      if (m.start(g + 1) >= 0) {
        return groupTypes[g];
      }
    }
    throw new IllegalStateException("a match without a group");
  }

  private static boolean valid(PiiType type, String text, int start, int end) {
    String candidate = text.substring(start, end);
    return switch (type) {
      case EMAIL -> validEmail(candidate);
      case IBAN -> Checksums.iban(candidate.replace(" ", ""));
      case CARD -> consistentSeparators(candidate) && Checksums.paymentCard(digitsOf(candidate));
      case SSN ->
          Checksums.ssn(
              candidate.substring(0, 3), candidate.substring(4, 6), candidate.substring(7));
      case PHONE -> validPhone(candidate);
      case IP -> standsAlone(text, start, end) && IpAddresses.parse(candidate) != null;
    };
  }

  /** RFC 5321 limits: local part up to 64 characters, labels 1-63 not edged by '-'. */
  private static boolean validEmail(String candidate) {
    int at = candidate.indexOf('@');
    if (at > 64
        || candidate.length() - at - 1 > 253
        || candidate.charAt(0) == '.'
        || candidate.charAt(at - 1) == '.'
        || candidate.contains("..")) {
      return false;
    }
    for (String label : candidate.substring(at + 1).split("\\.")) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
    }
    return true;
  }

  private static String digitsOf(String candidate) {
    StringBuilder digits = new StringBuilder(candidate.length());
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return digits.toString();
  }

  /** A card number is written either without separators or with one kind of separator. */
  private static boolean consistentSeparators(String candidate) {
    return candidate.indexOf(' ') < 0 || candidate.indexOf('-') < 0;
  }

  private static boolean validPhone(String candidate) {
    int digits = 0;
    for (int i = 0; i < candidate.length(); i++) {
      if (Character.isDigit(candidate.charAt(i))) {
        digits++;
      }
    }
    return digits >= 8 && digits <= 15;
  }

  /**
   * An address must not be part of a longer dotted or colon-separated token (a version string such
   * as {@code 1.2.3.4.5}, a MAC address or a word).
   */
  private static boolean standsAlone(String text, int start, int end) {
    char before = start > 0 ? text.charAt(start - 1) : ' ';
    char after = end < text.length() ? text.charAt(end) : ' ';
    boolean dottedBefore = before == '.' && start > 1 && Character.isDigit(text.charAt(start - 2));
    boolean dottedAfter =
        after == '.' && end + 1 < text.length() && Character.isDigit(text.charAt(end + 1));
    return !Character.isLetterOrDigit(before)
        && before != ':'
        && !Character.isLetterOrDigit(after)
        && after != ':'
        && !dottedBefore
        && !dottedAfter;
  }
}
