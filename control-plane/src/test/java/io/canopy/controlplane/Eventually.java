package io.canopy.controlplane;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread or process makes true, checking every 20 ms. */
public final class Eventually {
  private Eventually() {}

  /**
   * @throws AssertionError naming {@code what} if it is still false after {@code timeout}
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what, e);
      }
    }
  }
}
