package io.canopy.controlplane.druid;

import io.canopy.controlplane.common.UnavailableException;

/** Druid could not be reached or refused a request. */
public class DruidException extends UnavailableException {
  private static final long serialVersionUID = 1L;

  public DruidException(String message) {
    super(Dependency.DRUID, message);
  }
}
