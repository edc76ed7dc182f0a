package io.canopy.controlplane.common;

/** The caller is known but may not do this (a missing scope, an operator-only action). */
public final class NotPermittedException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public NotPermittedException(String message) {
    super(message, null);
  }
}
