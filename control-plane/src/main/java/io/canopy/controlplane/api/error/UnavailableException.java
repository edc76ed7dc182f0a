package io.canopy.controlplane.api.error;

/**
 * A service the control plane depends on (Druid, Kafka) did not answer or refused. Answered 503
 * with an error id; the detail, which may hold internal addresses, goes only to the log.
 */
public class UnavailableException extends RuntimeException {
  public UnavailableException(String message) {
    super(message);
  }

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
