package io.canopy.stack.it.differential;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What happens to the data while the questions are asked, by the run's progress: live events for
 * the live tenants every second ({@link #sendLive}); at a quarter of the asks a forced handoff,
 * then, once the older hours are served from handed-off segments, three batches of late events into
 * those hours; at half, a custom measure redefined ({@code big_orders}). Each step runs from {@link
 * #step}, called periodically; a failure is kept, not thrown, and fails the test. Thread-safe.
 */
final class RunEvents {
  private static final int LATE_BATCHES = 3;

  /** Asks after the last late events, at least, before the run may end. */
  static final int ASKS_AFTER_LATE = 100;

  private final QuestionRun run;
  private final Handoffs handoffs;
  private final Ingest ingest;
  private final EventGenerator events;
  private final List<Tenant> tenants;
  private final Instant t0;
  private final Asker asker;
  private final Random random;
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private volatile Instant handoffAsked;
  private volatile Instant handoffDone;
  private volatile Instant lateSent;
  private volatile int late;
  private volatile double progressAtHandoff;
  private final Instant started = Instant.now();
  private final Duration limit;
  private volatile int doneAtLastLate = Integer.MAX_VALUE;
  private volatile Instant measureChanged;
  private int liveBatches;

  RunEvents(
      QuestionRun run,
      Handoffs handoffs,
      Ingest ingest,
      EventGenerator events,
      List<Tenant> tenants,
      Instant t0,
      Asker asker,
      long seed,
      Duration limit) {
    this.limit = limit;
    this.run = run;
    this.handoffs = handoffs;
    this.ingest = ingest;
    this.events = events;
    this.tenants = tenants;
    this.t0 = t0;
    this.asker = asker;
    this.random = new Random(seed + 17);
  }

  /** One step of the run's events; call every half second or so. */
  void step() {
    try {
      double progress = progress();
      if (handoffAsked == null && progress >= 0.2) {
        handoffs.force();
        handoffAsked = Instant.now();
      } else if (handoffAsked != null && handoffDone == null) {
        if (handoffs.handedOffBefore(t0.truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS))) {
          handoffDone = Instant.now();
          progressAtHandoff = progress;
        }
      } else if (handoffDone != null
          && late < LATE_BATCHES
          && progress >= progressAtHandoff + late * 0.05) {
        sendLate();
      } else {
        handoffs.read();
      }
      if (measureChanged == null && progress >= 0.5) {
        changeMeasure(tenants.get(1));
      }
    } catch (RuntimeException | AssertionError e) {
      errors.add(Instant.now() + " " + e);
    }
  }

  /** One batch of a few events for each live tenant, around now. */
  synchronized void sendLive() {
    try {
      for (Tenant t : tenants) {
        if (t.live()) {
          ingest.send(
              t, events.live(t, random, Instant.now(), liveBatches++, 2 + random.nextInt(5)), null);
        }
      }
    } catch (RuntimeException | AssertionError e) {
      errors.add(Instant.now() + " " + e);
    }
  }

  private void sendLate() {
    Tenant t = tenants.get(0);
    Instant hour = t0.truncatedTo(ChronoUnit.HOURS);
    ingest.send(
        t,
        events.late(t, t0.minus(3, ChronoUnit.DAYS), hour.minus(2, ChronoUnit.HOURS), late, 15),
        null);
    if (lateSent == null) {
      lateSent = Instant.now();
    }
    late++;
    if (late == LATE_BATCHES) {
      doneAtLastLate = run.done();
    }
  }

  /** Redefines {@code big_orders} (and so {@code big_order_share}) for {@code t}. */
  private void changeMeasure(Tenant t) {
    double atLeast = 9.5;
    Map<String, MeasureDef> next = Measures.catalog(t.variant(), atLeast);
    t.changing(next, Instant.now());
    measureChanged = Instant.now();
    asker.call(
        t.key(),
        "PUT",
        "/v1/measures/big_orders",
        Measures.bigOrders(atLeast).definition().toString(),
        200);
    t.changed(Instant.now());
  }

  /** The larger of the share of asks done and the share of the time limit gone. */
  private double progress() {
    double time = (double) Duration.between(started, Instant.now()).toMillis() / limit.toMillis();
    return Math.max(time, (double) run.done() / run.planned());
  }

  /** Whether every event happened and enough questions were asked after the last. */
  boolean finished(int done) {
    return measureChanged != null
        && late == LATE_BATCHES
        && done >= doneAtLastLate + ASKS_AFTER_LATE;
  }

  Instant handoffAsked() {
    return handoffAsked;
  }

  Instant handoffDone() {
    return handoffDone;
  }

  Instant lateSent() {
    return lateSent;
  }

  /** What went wrong in the events, if anything. */
  List<String> errors() {
    return List.copyOf(errors);
  }
}
