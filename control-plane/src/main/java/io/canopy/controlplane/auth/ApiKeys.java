package io.canopy.controlplane.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API key format and hashing.
 *
 * <p>A key is {@code cnp_<prefix>_<secret>}: a 12-character public prefix that finds the stored
 * row, and a 40-character secret (about 238 random bits). Because the secret is high-entropy, a
 * single SHA-256 is the right stored form (a slow password hash adds nothing against brute force
 * here and would cost every ingest request); the comparison is constant-time. Thread-safe.
 */
public final class ApiKeys {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Pattern FORMAT = Pattern.compile("cnp_([0-9A-Za-z]{12})_([0-9A-Za-z]{40})");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /** A freshly generated key; {@code key} is shown once and never stored. */
  public record Generated(String prefix, String key, byte[] hash) {}

  /** A syntactically valid presented key: its prefix and the hash to compare. */
  public record Presented(String prefix, byte[] hash) {}

  public static Generated generate() {
    String prefix = random(12);
    String key = "cnp_" + prefix + "_" + random(40);
    return new Generated(prefix, key, sha256(key));
  }

  /** Parses a presented key; empty if it cannot be a Canopy key (then no lookup is needed). */
  public static Optional<Presented> parse(String key) {
    if (key == null) {
      return Optional.empty();
    }
    var m = FORMAT.matcher(key.trim());
    return m.matches()
        ? Optional.of(new Presented(m.group(1), sha256(key.trim())))
        : Optional.empty();
  }

  /** Constant-time comparison of two hashes. */
  public static boolean matches(byte[] storedHash, byte[] presentedHash) {
    return MessageDigest.isEqual(storedHash, presentedHash);
  }

  private static String random(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /** SHA-256 of a secret's UTF-8 bytes: the stored and compared form of keys and tokens. */
  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
