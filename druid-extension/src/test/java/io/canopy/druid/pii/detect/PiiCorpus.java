package io.canopy.druid.pii.detect;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A seeded, labelled corpus for measuring the detector: realistic sentences carrying personal data
 * of every type (the labels say where), and sentences carrying look-alikes that must be left alone
 * — Luhn-invalid card numbers, order ids, millisecond timestamps, dates and times, version strings,
 * hex ids, UUIDs, IBANs with a wrong check, impossible IPs. The same seed gives the same corpus.
 */
public final class PiiCorpus {
  /** One labelled personal value inside a sample's text. */
  public record Label(PiiType type, int start, int end) {}

  /** A sample text and where its personal data is. */
  public record Sample(String text, List<Label> labels) {}

  private static final String[] FIRST = {"jane", "john", "maria", "li", "ahmed", "olga", "sam"};
  private static final String[] LAST = {"doe", "smith", "garcia", "wang", "khan", "ivanova"};
  private static final String[] DOMAINS = {
    "example.com", "mail.example.org", "corp.example.co.uk", "example.io", "uni.example.edu"
  };

  private final Random random;
  private final List<Sample> samples = new ArrayList<>();

  private PiiCorpus(long seed) {
    this.random = new Random(seed);
  }

  /** {@code perType} positives of every type and {@code negatives} look-alike-only samples. */
  public static List<Sample> generate(long seed, int perType, int negatives) {
    PiiCorpus corpus = new PiiCorpus(seed);
    for (int i = 0; i < perType; i++) {
      corpus.positive(
          PiiType.EMAIL,
          corpus::email,
          "contact %s for details",
          "from: %s",
          "<%s> wrote",
          "mailto:%s?subject=hi",
          "user %s signed up");
      corpus.positive(
          PiiType.CARD,
          corpus::card,
          "paid with %s yesterday",
          "card=%s",
          "cc: %s exp 12/27",
          "number %s.");
      corpus.positive(
          PiiType.IBAN, corpus::iban, "transfer to %s please", "IBAN: %s", "account %s (savings)");
      corpus.positive(
          PiiType.IP,
          corpus::ip,
          "client %s connected",
          "ip=%s&x=1",
          "blocked %s after 5 attempts",
          "forwarded-for: %s, 10.0.0.1".replace(", 10.0.0.1", ""));
      corpus.positive(PiiType.SSN, corpus::ssn, "ssn %s on file", "SSN: %s", "tax id %s.");
      corpus.positive(
          PiiType.PHONE,
          corpus::phone,
          "call me at %s",
          "tel: %s",
          "phone %s (mobile)",
          "reach %s after 6pm");
    }
    for (int i = 0; i < negatives; i++) {
      corpus.negative();
    }
    return corpus.samples;
  }

  private void positive(PiiType type, Supplier<String> value, String... templates) {
    String template = templates[random.nextInt(templates.length)];
    String v = value.get();
    String lookAlike = random.nextInt(3) == 0 ? " ref " + nearMiss() : "";
    int start = template.indexOf("%s");
    String text = template.replace("%s", v) + lookAlike;
    samples.add(new Sample(text, List.of(new Label(type, start, start + v.length()))));
  }

  private void negative() {
    samples.add(new Sample("note: " + nearMiss() + " and " + nearMiss(), List.of()));
  }

  private String email() {
    String local = pick(FIRST) + (random.nextBoolean() ? "." + pick(LAST) : "") + digits(0, 3);
    if (random.nextInt(4) == 0) {
      local += "+news";
    }
    return local + "@" + pick(DOMAINS);
  }

  private String card() {
    String[][] brands = {
      {"4", "16"},
      {"51", "16"},
      {"55", "16"},
      {"2221", "16"},
      {"34", "15"},
      {"37", "15"},
      {"6011", "16"},
      {"65", "16"},
      {"4", "19"}
    };
    String[] brand = brands[random.nextInt(brands.length)];
    String number =
        withLuhnDigit(brand[0] + digits(Integer.parseInt(brand[1]) - brand[0].length() - 1));
    return switch (random.nextInt(3)) {
      case 0 -> number;
      case 1 -> group(number, ' ');
      default -> group(number, '-');
    };
  }

  private String iban() {
    String[][] formats = {
      {"DE", "n18"},
      {"GB", "a4n14"},
      {"FR", "n23"},
      {"NL", "a4n10"},
      {"ES", "n20"},
      {"IT", "a1n22"},
      {"BE", "n12"},
      {"CH", "n17"}
    };
    String[] f = formats[random.nextInt(formats.length)];
    String bban = bban(f[1]);
    String iban = f[0] + ibanCheck(f[0], bban) + bban;
    return random.nextBoolean() ? iban : group(iban, ' ');
  }

  private String ip() {
    return switch (random.nextInt(3)) {
      case 0 ->
          random.nextInt(223)
              + 1
              + "."
              + random.nextInt(256)
              + "."
              + random.nextInt(256)
              + "."
              + random.nextInt(256);
      case 1 ->
          String.format(
              "2001:db8:%x:%x::%x",
              random.nextInt(65536), random.nextInt(65536), random.nextInt(65535) + 1);
      default ->
          String.format(
              "fd%02x:%x:%x:%x:%x:%x:%x:%x",
              random.nextInt(256),
              random.nextInt(65536),
              random.nextInt(65536),
              random.nextInt(65536),
              random.nextInt(65536),
              random.nextInt(65536),
              random.nextInt(65536),
              random.nextInt(65536));
    };
  }

  private String ssn() {
    int area = 1 + random.nextInt(665);
    return String.format("%03d-%02d-%04d", area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
  }

  private String phone() {
    String area = (2 + random.nextInt(8)) + digits(2);
    String exchange = (2 + random.nextInt(8)) + digits(2);
    return switch (random.nextInt(5)) {
      case 0 -> "+1 " + area + " " + exchange + " " + digits(4);
      case 1 -> "(" + area + ") " + exchange + "-" + digits(4);
      case 2 -> area + "-" + exchange + "-" + digits(4);
      case 3 -> "+44 20 " + digits(4) + " " + digits(4);
      default -> "030 " + digits(4) + " " + digits(4);
    };
  }

  /** Something that looks like personal data and is not. */
  private String nearMiss() {
    return switch (random.nextInt(17)) {
      case 0 -> luhnInvalid("4" + digits(14));
      case 1 -> "ORD-" + (2020 + random.nextInt(7)) + "-" + digits(6);
      case 2 -> "17" + digits(11); // a millisecond timestamp
      case 3 ->
          String.format(
              "2026-%02d-%02dT%02d:%02d:%02dZ",
              1 + random.nextInt(12),
              1 + random.nextInt(28),
              random.nextInt(24),
              random.nextInt(60),
              random.nextInt(60));
      case 4 -> "v" + random.nextInt(20) + "." + random.nextInt(50) + "." + random.nextInt(100);
      case 5 -> hex(32);
      case 6 -> hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12);
      case 7 -> "DE" + digits(20); // no valid check
      case 8 -> (256 + random.nextInt(700)) + "." + random.nextInt(256) + ".1.1";
      case 9 -> "10.0." + (10000 + random.nextInt(9000)) + "." + random.nextInt(900);
      case 10 -> "$" + random.nextInt(10) + "," + digits(3) + "." + digits(2);
      case 11 -> withLuhnDigit((random.nextBoolean() ? "9" : "1") + digits(14)); // no issuer
      case 12 ->
          String.format(
              "%02x:%02x:%02x:%02x:%02x:%02x",
              random.nextInt(256),
              random.nextInt(256),
              random.nextInt(256),
              random.nextInt(256),
              random.nextInt(256),
              random.nextInt(256)); // a MAC address
      case 13 ->
          "1."
              + random.nextInt(30)
              + "."
              + random.nextInt(30)
              + "."
              + random.nextInt(30)
              + "."
              + random.nextInt(300); // a five-part version
      case 14 -> "1" + random.nextInt(10) + digits(2) + "-" + digits(3) + "-" + digits(4);
      case 15 -> "17" + digits(8); // epoch seconds
      default ->
          String.format(
              "%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
    };
  }

  private String luhnInvalid(String body) {
    String valid = withLuhnDigit(body);
    int last = valid.charAt(valid.length() - 1) - '0';
    return valid.substring(0, valid.length() - 1) + (last + 1 + random.nextInt(9)) % 10;
  }

  private static String withLuhnDigit(String body) {
    for (int d = 0; d <= 9; d++) {
      if (Checksums.luhn(body + d)) {
        return body + d;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private static String ibanCheck(String country, String bban) {
    StringBuilder digits = new StringBuilder();
    for (char c : (bban + country + "00").toCharArray()) {
      digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    int check = 98 - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
    return String.format("%02d", check);
  }

  private String bban(String format) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i += 1) {
      char kind = format.charAt(i);
      int j = i + 1;
      while (j < format.length() && Character.isDigit(format.charAt(j))) {
        j++;
      }
      int n = Integer.parseInt(format.substring(i + 1, j));
      for (int k = 0; k < n; k++) {
        out.append(
            kind == 'a' ? (char) ('A' + random.nextInt(26)) : (char) ('0' + random.nextInt(10)));
      }
      i = j - 1;
    }
    return out.toString();
  }

  private static String group(String s, char separator) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (i > 0 && i % 4 == 0) {
        out.append(separator);
      }
      out.append(s.charAt(i));
    }
    return out.toString();
  }

  private String digits(int n) {
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      out.append((char) ('0' + random.nextInt(10)));
    }
    return out.toString();
  }

  private String digits(int min, int max) {
    return digits(min + random.nextInt(max - min + 1));
  }

  private String hex(int n) {
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      out.append(Character.forDigit(random.nextInt(16), 16));
    }
    return out.toString();
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
