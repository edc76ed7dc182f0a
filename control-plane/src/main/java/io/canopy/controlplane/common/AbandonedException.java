package io.canopy.controlplane.common;

/**
 * Work stopped because nobody waits for it any more: the client closed its connection while its
 * query ran, and the query was cancelled in Druid. There is nobody to answer; the request log
 * records it as 499.
 */
public final class AbandonedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AbandonedException(String message) {
    super(message);
  }
}
