package io.canopy.stack.process;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Undoes one change a command made to the running stack (a suspended supervisor, a benchmark's own
 * supervisor, a killed component) when the command ends, however it ends: at {@link #close()}
 * (normal end or exception, through try-with-resources) or, if the JVM shuts down first (Ctrl-C,
 * SIGTERM), from a shutdown hook. A shutdown skips {@code finally} blocks of running threads, which
 * is how an interrupted benchmark once left the {@code events} supervisor suspended. Only SIGKILL
 * (or a crash of the JVM) escapes it. The undo runs at most once. Thread-safe.
 *
 * <p>Register it <em>before</em> making the change, so no moment exists when the change is made and
 * nothing would undo it; the undo must therefore be harmless if the change never happened.
 */
public final class Restoration implements AutoCloseable {
  /** An undo step; it may fail, and is then reported with what to do by hand. */
  @FunctionalInterface
  public interface Undo {
    void run() throws Exception;
  }

  private final String what;
  private final Undo undo;
  private final PrintStream log;
  private final AtomicBoolean done = new AtomicBoolean();
  private final Thread hook;

  private Restoration(String what, Undo undo, PrintStream log) {
    this.what = what;
    this.undo = undo;
    this.log = log;
    this.hook = new Thread(() -> restore(true), "restore: " + what); // restore reports on log
  }

  /**
   * Arms the undo of a change about to be made.
   *
   * @param what the undo in words, e.g. "resume supervisor events"
   * @param log where an undo run by the shutdown hook, and any failure, is reported
   */
  public static Restoration arm(String what, Undo undo, PrintStream log) {
    Restoration r = new Restoration(what, undo, log);
    Runtime.getRuntime().addShutdownHook(r.hook);
    return r;
  }

  /**
   * Undoes the change now, unless it was undone already.
   *
   * @throws IllegalStateException if the undo failed, saying what to do by hand
   */
  @Override
  public void close() {
    Exception failure = restore(false);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs, or ran, and finds the undo done
    }
    if (failure != null) {
      throw new IllegalStateException(
          "could not " + what + " (" + failure.getMessage() + "); do it by hand", failure);
    }
  }

  /** Runs the undo if nobody did yet; answers its failure, null if none. */
  private Exception restore(boolean interrupted) {
    if (!done.compareAndSet(false, true)) {
      return null;
    }
    try {
      undo.run();
      if (interrupted) {
        log.println("canopy: interrupted; restored: " + what);
      }
      return null;
    } catch (Exception e) {
      if (interrupted) {
        log.println("canopy: could not " + what + " (" + e.getMessage() + "); do it by hand");
      }
      return e;
    }
  }
}
