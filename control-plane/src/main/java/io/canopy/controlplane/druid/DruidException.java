package io.canopy.controlplane.druid;

/** Druid could not be reached or refused a request. */
public class DruidException extends RuntimeException {
  public DruidException(String message) {
    super(message);
  }
}
