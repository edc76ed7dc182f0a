package io.canopy.stack.demo;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One demo generator's life: the live traffic from the moment it starts, slot by slot as each ends,
 * and beside it the back-fill of the six hours before, oldest first, paced at {@link
 * #BACKFILL_PER_SECOND}. Live slots go first, so the dashboards' last minutes fill at once while
 * the history fills behind them, and the two meet without a gap or an overlap.
 *
 * <p>Why that pace: the demo sends as the {@code default} tenant, whose ingest quota is 1,000
 * events/s with a burst of 2,000. 800/s back-fills the six hours in about two minutes at most
 * (104,000 events when they straddle the daily peak, 26,000 at night) and leaves a fifth of the
 * quota, and a full bucket, to the user's own batches sent meanwhile. Giving the tenant a larger
 * quota instead would make the demo stack answer quotas differently from the one the docs describe.
 * A quota set lower by an operator still works: the sender waits out each {@code 429}.
 *
 * <p>{@link #stop()} (SIGTERM) ends it after the batch in flight, and the last state says so.
 * {@link #run()} runs on one thread; {@link #stop()} may be called from any.
 */
final class DemoRun {
  static final Duration BACKFILL = Duration.ofHours(6);
  static final int BACKFILL_PER_SECOND = 800;

  /** How the run waits: until the time passed or the run is stopping, whichever is first. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d, CountDownLatch stopping) throws InterruptedException;

    /** Real time. */
    Sleeper REAL = (d, stopping) -> stopping.await(d.toNanos(), TimeUnit.NANOSECONDS);
  }

  private final Clock clock;
  private final Sleeper sleeper;
  private final Consumer<DemoState> publish;
  private final PrintStream log;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final DemoProgress progress;
  private final BatchSender sender;
  private DemoSlots.Slot live;
  private DemoSlots.Slot backfill;
  private Instant backfillDue;
  private Instant published = Instant.EPOCH;

  /**
   * @param publish receives the state: at most once a second while busy, before a wait of a second
   *     or more, after a failed attempt, and when the run ends
   * @param log where progress and failures are written (the demo's log)
   */
  DemoRun(
      BatchSender.Transport transport,
      Clock clock,
      Sleeper sleeper,
      Instant started,
      long pid,
      Consumer<DemoState> publish,
      PrintStream log) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.publish = publish;
    this.log = log;
    this.progress =
        new DemoProgress(
            pid,
            started,
            DemoSlots.containing(started.minus(BACKFILL)).start(),
            DemoSlots.containing(started).start());
    this.sender = new BatchSender(transport, this::pause, this::failed);
    this.live = DemoSlots.containing(progress.backfillTo());
    this.backfill = DemoSlots.containing(progress.backfillFrom());
    this.backfillDue = started;
  }

  /** Asks the run to end after the batch in flight. */
  void stop() {
    stopping.countDown();
  }

  /**
   * Runs until {@link #stop()}.
   *
   * @throws BatchSender.GaveUp when the API refused a batch as wrong; the state says so
   */
  void run() throws BatchSender.GaveUp, InterruptedException {
    log.printf(
        "%s demo traffic: live from %s, back-filling %s to %s at up to %d events/s%n",
        clock.instant(),
        progress.backfillTo(),
        progress.backfillFrom(),
        progress.backfillTo(),
        BACKFILL_PER_SECOND);
    try {
      while (stopping.getCount() > 0 && step()) {
        publishIfDue(false);
      }
      progress.stopped("stopped", clock.instant());
      log.printf("%s stopped%n", clock.instant());
    } catch (BatchSender.GaveUp e) {
      progress.stopped("gave up: " + e.getMessage(), clock.instant());
      log.printf("%s FATAL: %s%n", clock.instant(), e.getMessage());
      throw e;
    } finally {
      publishIfDue(true);
    }
  }

  /** One batch, or one wait for the next; false once the run is stopping. */
  private boolean step() throws BatchSender.GaveUp, InterruptedException {
    Instant now = clock.instant();
    if (!now.isBefore(live.end())) {
      BatchSender.Stored s = send(live, true);
      live = live.next();
      return s != null;
    }
    boolean backfilling = backfill.start().isBefore(progress.backfillTo());
    if (backfilling && !now.isBefore(backfillDue)) {
      BatchSender.Stored s = send(backfill, false);
      if (s == null) {
        return false;
      }
      backfillDue = pace(backfillDue, now, s);
      backfill = backfill.next();
      return true;
    }
    Instant next = backfilling && backfillDue.isBefore(live.end()) ? backfillDue : live.end();
    Duration wait = Duration.between(now, next);
    if (wait.compareTo(Duration.ofSeconds(1)) >= 0) {
      publishIfDue(true); // a reader sees the last batch before a long wait, not after it
    }
    return pause(wait);
  }

  /** Sends a slot and counts it; null if the run stopped before the API took it. */
  private BatchSender.Stored send(DemoSlots.Slot slot, boolean live)
      throws BatchSender.GaveUp, InterruptedException {
    List<String> events = slot.events();
    BatchSender.Stored s = sender.send(events, slot.idempotencyKey(events));
    if (s != null) {
      progress.stored(slot, s, live);
      if (!live && progress.backfilled()) {
        log.printf(
            "%s back-filled %s to %s%n",
            clock.instant(), progress.backfillFrom(), progress.backfillTo());
      }
    }
    return s;
  }

  /** The next back-fill batch's time: its events at the pace; a replay stored nothing now. */
  private static Instant pace(Instant due, Instant now, BatchSender.Stored s) {
    if (s.replayed()) {
      return due;
    }
    Instant from = due.isAfter(now) ? due : now;
    return from.plusNanos(s.events() * 1_000_000_000L / BACKFILL_PER_SECOND);
  }

  /** Waits; false if the run is stopping. */
  private boolean pause(Duration d) throws InterruptedException {
    if (d.isNegative() || d.isZero()) {
      return stopping.getCount() > 0;
    }
    sleeper.sleep(d, stopping);
    return stopping.getCount() > 0;
  }

  private void failed(String what, Duration wait) {
    Instant now = clock.instant();
    String text = what + " (waiting " + wait.toSeconds() + " s, then the same batch again)";
    progress.failed(text, now);
    log.printf("%s %s%n", now, text);
    publishIfDue(true);
  }

  /** Publishes the state if a second passed since the last time, or anyway when {@code now}. */
  private void publishIfDue(boolean now) {
    Instant at = clock.instant();
    if (now || !at.isBefore(published.plusSeconds(1))) {
      publish.accept(progress.state(at));
      published = at;
    }
  }
}
