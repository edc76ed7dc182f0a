package io.canopy.stack.demo;

import io.canopy.stack.Stack;
import io.canopy.stack.process.PidFile;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The demo generator's line in {@code bin/canopy status}: running (how far the back-fill is, the
 * live rate, the last error), stopped, or dead. A generator is dead when its pid file names a
 * process that is gone: {@code down} removes the file of a generator it stops, so a file left
 * behind means the process ended by itself (it gave up, crashed, or was killed). Its last state is
 * then shown as the last state of a dead process, never as a running one.
 *
 * @param healthy false only for a dead generator
 */
public record DemoStatus(String line, boolean healthy) {

  /** The line for {@code stack}'s generator, or empty if none was ever started. */
  public static Optional<DemoStatus> of(Stack stack, Instant now) {
    Optional<PidFile> pid = PidFile.read(stack.pidFile("demo"));
    boolean alive = pid.flatMap(PidFile::liveProcess).isPresent();
    return describe(
        pid.map(PidFile::pid), alive, DemoState.read(DemoTraffic.stateFile(stack)), now);
  }

  /**
   * @param pid the pid its pid file names; empty without a pid file
   * @param alive whether that process still runs
   */
  static Optional<DemoStatus> describe(
      Optional<Long> pid, boolean alive, Optional<DemoState> state, Instant now) {
    if (pid.isEmpty()) {
      return state.map(s -> new DemoStatus("stopped; its last run: " + progress(s), true));
    }
    Optional<DemoState> own = state.filter(s -> s.pid() == pid.get());
    if (!alive) {
      String last =
          own.map(s -> s.stopped() != null ? s.stopped() + "; " + progress(s) : progress(s))
              .orElse("it wrote no state");
      return Optional.of(
          new DemoStatus(
              "DEAD (pid " + pid.get() + " is gone; see bin/canopy logs demo): " + last, false));
    }
    String running = "running   pid " + pid.get();
    if (own.isEmpty()) {
      return Optional.of(new DemoStatus(running + ", starting", true));
    }
    DemoState s = own.get();
    String stale = stale(s, now);
    return Optional.of(new DemoStatus(running + ": " + progress(s) + stale + error(s), true));
  }

  private static String progress(DemoState s) {
    String backfill;
    if (s.backfilled()) {
      backfill =
          "back-filled "
              + hours(s)
              + " ("
              + time(s.backfillFrom())
              + " to "
              + time(s.backfillTo())
              + ", "
              + String.format("%,d", s.backfillEvents())
              + " events)";
    } else {
      Instant through = s.backfilledThrough() == null ? s.backfillFrom() : s.backfilledThrough();
      long done = Duration.between(s.backfillFrom(), through).toSeconds();
      long all = Math.max(1, Duration.between(s.backfillFrom(), s.backfillTo()).toSeconds());
      backfill =
          "back-filling, through "
              + time(through)
              + " ("
              + 100 * done / all
              + " % of "
              + hours(s)
              + ")";
    }
    return backfill
        + "; live "
        + String.format("%.1f", s.liveEventsPerSecond())
        + " events/s"
        + (s.liveThrough() == null ? "" : " through " + time(s.liveThrough()))
        + "; "
        + String.format("%,d", s.backfillEvents() + s.liveEvents())
        + " events sent";
  }

  private static String error(DemoState s) {
    return s.lastError() == null
        ? "; no error"
        : "; last error at " + time(s.lastErrorAt()) + ": " + s.lastError();
  }

  /** Says so when a live process has not written for a while (hung, or its disk is full). */
  private static String stale(DemoState s, Instant now) {
    long silent = Duration.between(s.updatedAt(), now).toSeconds();
    return silent > 60 ? "; NO STATE WRITTEN FOR " + silent + " s" : "";
  }

  private static String hours(DemoState s) {
    return Duration.between(s.backfillFrom(), s.backfillTo()).toHours() + " h";
  }

  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
