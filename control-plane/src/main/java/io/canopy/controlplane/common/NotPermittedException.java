package io.canopy.controlplane.common;

/** The caller is known but may not do this (a missing scope, an operator-only action). */
public final class NotPermittedException extends RefusedException {
  public NotPermittedException(String message) {
    super(message, null);
  }
}
