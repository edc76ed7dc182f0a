package io.canopy.controlplane.common;

/**
 * No such resource. Also the answer for another tenant's resources, so that a key never learns
 * which other tenants or resources exist.
 */
public final class NotFoundException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message, null);
  }
}
