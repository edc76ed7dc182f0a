package io.canopy.controlplane.druid;

import io.canopy.controlplane.common.UnavailableException;

/** Druid could not be reached or refused a request. */
public class DruidException extends UnavailableException {
  public DruidException(String message) {
    super(Dependency.DRUID, message);
  }
}
