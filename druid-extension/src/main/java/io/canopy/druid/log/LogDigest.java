package io.canopy.druid.log;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a log keeps of a value it must not keep: {@code ~} and the first 12 hex digits of its
 * HMAC-SHA256 under a secret key (the stack's internal secret). The same value gives the same
 * digest, so an operator who holds the key can find the requests that named a given e-mail; the log
 * alone can't be turned back into values, however few there are (IPv4 addresses, say). The control
 * plane's request log digests with the same key and form. Thread-safe.
 */
public final class LogDigest {
  private final SecretKeySpec key;

  public LogDigest(byte[] key) {
    if (key.length == 0) {
      throw new IllegalArgumentException("a log digest needs a key");
    }
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  public String of(String value) {
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
