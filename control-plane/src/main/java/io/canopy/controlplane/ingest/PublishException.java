package io.canopy.controlplane.ingest;

/** Kafka did not acknowledge a batch in time: none of it is reported as accepted (HTTP 503). */
public class PublishException extends RuntimeException {
  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
