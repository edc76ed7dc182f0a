package io.canopy.druid.pii.detect;

import java.util.Map;

/**
 * The check digits that separate real card numbers and IBANs from look-alike digit runs (order ids,
 * timestamps), so redaction stays precise. Pure functions.
 */
public final class Checksums {
  /** IBAN length per country (ISO 13616 registry), for the countries Canopy expects to see. */
  private static final Map<String, Integer> IBAN_LENGTHS =
      Map.ofEntries(
          Map.entry("AD", 24),
          Map.entry("AE", 23),
          Map.entry("AT", 20),
          Map.entry("BE", 16),
          Map.entry("BG", 22),
          Map.entry("BH", 22),
          Map.entry("BR", 29),
          Map.entry("CH", 21),
          Map.entry("CY", 28),
          Map.entry("CZ", 24),
          Map.entry("DE", 22),
          Map.entry("DK", 18),
          Map.entry("EE", 20),
          Map.entry("ES", 24),
          Map.entry("FI", 18),
          Map.entry("FO", 18),
          Map.entry("FR", 27),
          Map.entry("GB", 22),
          Map.entry("GI", 23),
          Map.entry("GL", 18),
          Map.entry("GR", 27),
          Map.entry("HR", 21),
          Map.entry("HU", 28),
          Map.entry("IE", 22),
          Map.entry("IL", 23),
          Map.entry("IS", 26),
          Map.entry("IT", 27),
          Map.entry("KW", 30),
          Map.entry("KZ", 20),
          Map.entry("LB", 28),
          Map.entry("LI", 21),
          Map.entry("LT", 20),
          Map.entry("LU", 20),
          Map.entry("LV", 21),
          Map.entry("MC", 27),
          Map.entry("MT", 31),
          Map.entry("NL", 18),
          Map.entry("NO", 15),
          Map.entry("PL", 28),
          Map.entry("PT", 25),
          Map.entry("QA", 29),
          Map.entry("RO", 24),
          Map.entry("RS", 22),
          Map.entry("SA", 24),
          Map.entry("SE", 24),
          Map.entry("SI", 19),
          Map.entry("SK", 24),
          Map.entry("SM", 27),
          Map.entry("TR", 26),
          Map.entry("UA", 29));

  private Checksums() {}

  /** Luhn (mod 10) over a string of ASCII digits. */
  public static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (twice) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  /**
   * Whether a digit run is a plausible payment card: 13–19 digits, an issuer prefix of a major
   * network with a length that network issues, and a valid Luhn digit.
   */
  public static boolean paymentCard(String digits) {
    int n = digits.length();
    if (n < 13 || n > 19 || !luhn(digits)) {
      return false;
    }
    int p2 = Integer.parseInt(digits.substring(0, 2));
    int p4 = Integer.parseInt(digits.substring(0, 4));
    return switch (digits.charAt(0)) {
      case '4' -> n == 13 || n == 16 || n == 19; // Visa
      case '5' -> p2 >= 51 && p2 <= 55 && n == 16; // Mastercard
      case '2' -> p4 >= 2221 && p4 <= 2720 && n == 16; // Mastercard 2-series
      case '3' ->
          (p2 == 34 || p2 == 37) && n == 15 // Amex
              || p4 >= 3528 && p4 <= 3589 && n >= 16 // JCB
              || (p2 == 36 || p2 == 38 || p4 >= 3000 && p4 <= 3059) && n >= 14; // Diners
      case '6' -> (p4 == 6011 || p2 == 65 || p2 == 62 || p4 >= 6440 && p4 <= 6499) && n >= 16;
      default -> false;
    };
  }

  /** ISO 13616 check: country length and mod-97 of the rearranged number equals 1. */
  public static boolean iban(String compact) {
    if (compact.length() < 15 || compact.length() > 34) {
      return false;
    }
    Integer expected = IBAN_LENGTHS.get(compact.substring(0, 2));
    if (expected == null || expected != compact.length()) {
      return false;
    }
    String rearranged = compact.substring(4) + compact.substring(0, 4);
    int remainder = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      if (c >= '0' && c <= '9') {
        remainder = (remainder * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return remainder == 1;
  }

  /** US SSN rules: area not 000, 666 or 9xx; group not 00; serial not 0000. */
  public static boolean ssn(String area, String group, String serial) {
    return !area.equals("000")
        && !area.equals("666")
        && area.charAt(0) != '9'
        && !group.equals("00")
        && !serial.equals("0000");
  }
}
