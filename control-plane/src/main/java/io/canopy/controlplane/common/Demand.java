package io.canopy.controlplane.common;

/**
 * Whether anyone still waits for an answer: a request's client that closed its connection is gone,
 * and the work done for it alone may stop. Checked while a long call waits, so cheap and
 * thread-safe.
 */
@FunctionalInterface
public interface Demand {
  /** Someone nobody can abandon: background work, metadata the service itself needs. */
  Demand ALWAYS = () -> false;

  /** True once nobody waits any more; never false again after that. */
  boolean gone();
}
