package io.canopy.stack.it;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a probe until a condition holds, instead of sleeping a guessed time. */
public final class Await {
  private Await() {}

  /** Returns the first probed value that satisfies {@code done}; fails with the last value. */
  public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        last = probe.get();
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      try {
        Thread.sleep(200); // poll interval, not a wait for an outcome
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
    AssertionError failure =
        new AssertionError(
            "Timed out after "
                + timeout.toSeconds()
                + " s waiting for "
                + what
                + "; last value: "
                + last);
    if (lastError != null) {
      failure.addSuppressed(lastError);
    }
    throw failure;
  }
}
