package io.canopy.controlplane.common;

/**
 * Work ran longer than a limit allows and was stopped (a query past the tenant's timeout, cancelled
 * in Druid). {@code field} names the limit, such as {@code quotas.queryTimeoutMs}.
 */
public final class TimedOutException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public TimedOutException(String limitField, String message) {
    super(message, limitField);
  }
}
