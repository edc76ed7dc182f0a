package io.canopy.druid.pii.detect;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Personal data hidden by URL encoding. Browsers percent-encode query strings ({@code
 * ?q=jane%40example.com}) and forms encode spaces as {@code +} ({@code phone=%2B1+415+555+0100}),
 * which the detectors alone would not see. Here the path is percent-decoded and every query value
 * form-decoded before detection; a part with findings is written back decoded, redacted, and
 * re-encoded where URL syntax needs it (a part without findings is left byte for byte as it was). A
 * query parameter whose name says what it holds ({@code email}, {@code phone}, {@code token},
 * {@code password}, …) has its value replaced whatever it looks like: by its type's placeholder
 * when the whole value is one finding, otherwise by {@value #NAMED}.
 *
 * <p>Text with spaces is prose, not a URL: it is percent-decoded as a whole, without the query
 * rules. Stateless and thread-safe; decoding is lenient (a stray {@code %} stays as it is).
 */
final class UrlText {
  static final String NAMED = "[REDACTED]";

  private static final java.util.regex.Pattern PLACEHOLDER =
      java.util.regex.Pattern.compile("\\[[A-Z]+\\]");

  /** Parameter names (lower case, without {@code - _ .}) that always hold personal data. */
  private static final Set<String> SENSITIVE_NAMES =
      Set.of(
          "email",
          "mail",
          "emailaddress",
          "phone",
          "phonenumber",
          "tel",
          "mobile",
          "token",
          "accesstoken",
          "idtoken",
          "refreshtoken",
          "auth",
          "authorization",
          "password",
          "passwd",
          "pwd",
          "pass",
          "secret",
          "clientsecret",
          "apikey",
          "ssn",
          "card",
          "cardnumber",
          "cc",
          "iban",
          "session",
          "sessionid",
          "sid");

  /** Name parts that make any parameter sensitive ({@code user_email}, {@code x-auth-token}). */
  private static final List<String> SENSITIVE_PARTS =
      List.of("email", "phone", "token", "password", "passwd", "secret", "apikey");

  private UrlText() {}

  /** Whether {@code text} may hold encoded or named URL data: worth the slower path. */
  static boolean applies(String text) {
    return text.indexOf('%') >= 0 || text.indexOf('?') >= 0 || text.indexOf('+') >= 0;
  }

  /**
   * @param redact the plain-text redaction of the detector in use
   */
  static String redact(String text, Function<String, String> redact) {
    // A URL has no raw spaces; text with spaces is prose that may quote encoded data: it is only
    // percent-decoded, and written back decoded rather than re-encoded.
    if (text.indexOf(' ') >= 0) {
      String decoded = decode(text, false);
      String redacted = redact.apply(decoded);
      return redacted.equals(decoded) ? redact.apply(text) : redacted;
    }
    int query = text.indexOf('?');
    if (query < 0) {
      return part(text, false, redact);
    }
    int fragment = text.indexOf('#', query);
    String params = fragment < 0 ? text.substring(query + 1) : text.substring(query + 1, fragment);
    StringBuilder out = new StringBuilder(text.length());
    out.append(part(text.substring(0, query), false, redact)).append('?');
    int start = 0;
    while (start <= params.length()) {
      int end = params.indexOf('&', start);
      if (end < 0) {
        end = params.length();
      }
      if (start > 0) {
        out.append('&');
      }
      out.append(parameter(params.substring(start, end), redact));
      start = end + 1;
    }
    if (fragment >= 0) {
      out.append(part(text.substring(fragment), false, redact));
    }
    return out.toString();
  }

  private static String parameter(String pair, Function<String, String> redact) {
    int eq = pair.indexOf('=');
    if (eq < 0) {
      return part(pair, true, redact);
    }
    String name = pair.substring(0, eq);
    String value = pair.substring(eq + 1);
    if (!value.isEmpty() && sensitive(decode(name, true))) {
      // The type's own placeholder when the whole value is one finding (card=4111… → [CARD]).
      String redacted = redact.apply(decode(value, true));
      return name + "=" + (PLACEHOLDER.matcher(redacted).matches() ? redacted : NAMED);
    }
    return part(name, true, redact) + "=" + part(value, true, redact);
  }

  static boolean sensitive(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
    if (SENSITIVE_NAMES.contains(n)) {
      return true;
    }
    for (String part : SENSITIVE_PARTS) {
      if (n.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** One part of a URL: redacted in its decoded form if that finds anything, else untouched. */
  private static String part(String raw, boolean form, Function<String, String> redact) {
    String decoded = decode(raw, form);
    if (decoded.equals(raw)) {
      return redact.apply(raw);
    }
    String redacted = redact.apply(decoded);
    return redacted.equals(decoded) ? raw : encode(redacted);
  }

  /** Percent-decoding as UTF-8 ({@code +} as a space in form data); malformed escapes kept. */
  static String decode(String raw, boolean form) {
    if (raw.indexOf('%') < 0 && (!form || raw.indexOf('+') < 0)) {
      return raw;
    }
    byte[] bytes = new byte[raw.length() * 3];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      int hi = c == '%' && i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
      if (lo >= 0) {
        bytes[n++] = (byte) (hi * 16 + lo);
        i += 2;
      } else if (form && c == '+') {
        bytes[n++] = ' ';
      } else {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          bytes[n++] = b;
        }
      }
    }
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }

  /** Re-encodes only what URL syntax needs (and controls); placeholders stay readable. */
  private static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c <= 0x20 || c >= 0x7F || "%&=+#?".indexOf(c) >= 0) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }
}
