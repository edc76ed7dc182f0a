package io.canopy.druid.pii.mask;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.annotation.Nullable;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms: HMAC-SHA256 of the value's UTF-8 bytes under one secret key, truncated to 128
 * bits and written as 22 characters of unpadded base64url ({@code [A-Za-z0-9_-]}). The same value
 * and key always give the same pseudonym, so distinct counts and per-user breakdowns keep working;
 * without the key, a pseudonym cannot be linked back to the value (unlike a plain hash, which a
 * dictionary of e-mail addresses reverses). 128 bits keeps collisions out of reach (about one in
 * 10^19 for a billion distinct values).
 *
 * <p>Thread-safe: each thread gets its own {@link Mac}, cloned from one initialized with the key,
 * because a {@code Mac} is not thread-safe and Druid evaluates expressions on many threads.
 */
public final class Pseudonymizer {
  /** Length of every pseudonym. */
  public static final int LENGTH = 22;

  private static final int BYTES = 16;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final String keyId;
  private final ThreadLocal<Mac> macs;

  public Pseudonymizer(String keyId, byte[] secret) {
    this.keyId = keyId;
    Mac prototype = newMac(secret);
    this.macs = ThreadLocal.withInitial(() -> copy(prototype));
  }

  public String keyId() {
    return keyId;
  }

  /** The pseudonym of a value; null stays null. */
  @Nullable
  public String pseudonymize(@Nullable String value) {
    if (value == null) {
      return null;
    }
    byte[] digest = macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
    return BASE64URL.encodeToString(Arrays.copyOf(digest, BYTES));
  }

  private static Mac newMac(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }

  private static Mac copy(Mac prototype) {
    try {
      synchronized (prototype) {
        return (Mac) prototype.clone();
      }
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JVM's HmacSHA256 cannot be cloned", e);
    }
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "Pseudonymizer{keyId=" + keyId + "}";
  }
}
