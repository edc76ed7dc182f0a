package io.canopy.controlplane.common;

import java.util.concurrent.CancellationException;

/**
 * Work stopped because nobody waits for it any more: the client closed its connection while its
 * query ran, and the query was cancelled in Druid. There is nobody to answer; the request log
 * records it as 499. A cancellation, so the caches that see it end a load (Caffeine) take it for
 * one and log no warning with a stack trace for what is not a fault.
 */
public final class AbandonedException extends CancellationException {
  private static final long serialVersionUID = 1L;

  public AbandonedException(String message) {
    super(message);
  }
}
