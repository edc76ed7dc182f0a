package io.canopy.controlplane.web.log;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A URL path as the request log may keep it: each segment that is plainly a route or an identifier
 * Canopy made (letters, digits, {@code -} and {@code _}, or a file name with a known extension)
 * stays; any other segment (an e-mail, an IP address, a long number, anything percent-encoded) is
 * replaced by {@code ~} and the first 12 hex digits of its HMAC-SHA256 under the internal secret
 * (the form and key of Druid's redacted request log), so two requests for the same value can still
 * be matched up, by an operator who holds the key, without the log holding the value. With no
 * internal secret the key is random, chosen at start. Thread-safe.
 */
public final class LoggedPath {
  private static final Pattern PLAIN =
      Pattern.compile(
          "[A-Za-z0-9_-]{1,80}(\\.(json|yaml|yml|js|mjs|css|html|svg|png|ico|map|txt))?");

  /** A run of digits this long may be a phone or card number: digested. */
  private static final Pattern LONG_NUMBER = Pattern.compile("[0-9]{7,}");

  private final SecretKeySpec key;

  public LoggedPath(String secret) {
    byte[] bytes =
        secret == null || secret.isEmpty() ? random() : secret.getBytes(StandardCharsets.UTF_8);
    this.key = new SecretKeySpec(bytes, "HmacSHA256");
  }

  private static byte[] random() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  public String of(String path) {
    if (path == null || path.isEmpty()) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length());
    int start = 0;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      out.append(segment(path.substring(start, end)));
      if (slash < 0) {
        break;
      }
      out.append('/');
      start = slash + 1;
    }
    return out.toString();
  }

  private String segment(String s) {
    if (s.isEmpty() || (PLAIN.matcher(s).matches() && !LONG_NUMBER.matcher(s).find())) {
      return s;
    }
    return digest(s);
  }

  /** {@code ~} and the first 12 hex digits of the value's HMAC-SHA256. */
  String digest(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] hash = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return "~" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
