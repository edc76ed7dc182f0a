package io.canopy.controlplane.common;

/**
 * The request conflicts with what exists: a duplicate, a resource in a state that forbids it, or
 * the same request still being handled ({@link #retryAfterSeconds()} then says when to look again).
 */
public final class ConflictException extends RefusedException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  public ConflictException(String field, String message) {
    this(field, message, 0);
  }

  private ConflictException(String field, String message, long retryAfterSeconds) {
    super(message, field);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The same request is being handled right now; it is answered after about that long. */
  public static ConflictException inProgress(String field, String message, long retryAfterSeconds) {
    return new ConflictException(field, message, retryAfterSeconds);
  }

  /** Seconds until the conflict may have cleared; 0 when retrying alone will not help. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
