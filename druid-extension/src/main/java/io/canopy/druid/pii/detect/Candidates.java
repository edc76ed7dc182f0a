package io.canopy.druid.pii.detect;

import io.canopy.druid.pii.ip.IpAddresses;

/**
 * The cheap halves of detection, around the pattern scan: before it, one pass over the text rules
 * out the types it cannot contain (no {@code @}, no e-mail; fewer than 13 digits, no card), so most
 * short values of an event never reach the scan; after it, each candidate is validated the way its
 * format demands. Pure functions.
 */
final class Candidates {
  private Candidates() {}

  /** Bit {@code 1 << type.ordinal()} is set for each type the text could contain. */
  static int possibleTypes(String text) {
    return possibleTypes(text, 0, text.length());
  }

  /** {@link #possibleTypes(String)} of {@code text[from, to)}. */
  static int possibleTypes(String text, int from, int to) {
    int digits = 0;
    int colons = 0;
    int upper = 0;
    boolean at = false;
    boolean dot = false;
    boolean dash = false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c >= 'A' && c <= 'Z') {
        upper++;
      } else if (c == '@') {
        at = true;
      } else if (c == ':') {
        colons++;
      } else if (c == '.') {
        dot = true;
      } else if (c == '-') {
        dash = true;
      }
    }
    int mask = 0;
    if (at) {
      mask |= bit(PiiType.EMAIL);
    }
    if (digits >= 13) {
      mask |= bit(PiiType.CARD);
    }
    if (digits >= 2 && upper >= 2 && to - from >= 15) {
      mask |= bit(PiiType.IBAN);
    }
    if (digits >= 9 && dash) {
      mask |= bit(PiiType.SSN);
    }
    if (digits >= 8) {
      mask |= bit(PiiType.PHONE);
    }
    if (colons >= 2 || dot && digits >= 4) {
      mask |= bit(PiiType.IP);
    }
    return mask;
  }

  static int bit(PiiType type) {
    return 1 << type.ordinal();
  }

  static boolean valid(PiiType type, String text, int start, int end) {
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
