package io.canopy.controlplane.common;

/**
 * A request the control plane refuses, for a reason the caller can act on: bad input, something
 * missing, a conflict, a quota. It is an answer, not a fault, so it carries no stack trace. Knows
 * nothing of HTTP: {@code web/} maps each family to its status.
 */
public abstract class RefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  protected RefusedException(String message, String field) {
    super(message, null, false, false);
    this.field = field;
  }

  /** The request field at fault ({@code quotas.ingestEventsPerSecond}), or null. */
  public String field() {
    return field;
  }
}
