package io.canopy.controlplane.ingest;

/**
 * A batch's Kafka transaction was not committed (HTTP 503). Normally that means nothing of it is
 * stored; when {@link #outcomeUnknown()} holds, Kafka acknowledged every record but never answered
 * the commit, and only a resend with the same {@code Idempotency-Key} finds out what happened.
 */
public class PublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean outcomeUnknown;

  public PublishException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private PublishException(String message, Throwable cause, boolean outcomeUnknown) {
    super(message, cause);
    this.outcomeUnknown = outcomeUnknown;
  }

  /** The same failure, for a commit whose outcome Kafka never told. */
  PublishException outcomeUnknown() {
    return new PublishException(getMessage(), getCause(), true);
  }

  public boolean isOutcomeUnknown() {
    return outcomeUnknown;
  }
}
