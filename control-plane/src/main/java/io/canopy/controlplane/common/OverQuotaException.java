package io.canopy.controlplane.common;

/**
 * Over one of the tenant's rate quotas; the same request fits after {@link #retryAfterSeconds()}.
 */
public final class OverQuotaException extends RefusedException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  public OverQuotaException(String message, long retryAfterSeconds) {
    this(message, null, retryAfterSeconds);
  }

  /**
   * @param quotaField the quota at its limit, such as {@code quotas.queryConcurrency}
   */
  public OverQuotaException(String message, String quotaField, long retryAfterSeconds) {
    super(message, quotaField);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
