package io.canopy.controlplane.auth;

import java.security.MessageDigest;

/**
 * The operator credential from configuration ({@code auth.operatorToken}, from the environment).
 * Compared in constant time through hashes, so neither its length nor its content leaks through
 * timing. An empty token disables the operator API. Thread-safe.
 */
public final class OperatorToken {
  /** Shortest accepted token: 32 characters of a generated secret. */
  public static final int MIN_LENGTH = 32;

  private final byte[] hash;

  public OperatorToken(String token) {
    if (token != null && !token.isEmpty() && token.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "auth.operatorToken must be at least " + MIN_LENGTH + " characters (or empty: disabled)");
    }
    this.hash = token == null || token.isEmpty() ? null : ApiKeys.sha256(token);
  }

  public boolean matches(String presented) {
    return hash != null
        && presented != null
        && MessageDigest.isEqual(hash, ApiKeys.sha256(presented));
  }
}
