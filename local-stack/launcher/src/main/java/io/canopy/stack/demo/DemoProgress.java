package io.canopy.stack.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SortedMap;
import java.util.TreeMap;

/** What a {@link DemoRun} has done so far; {@link #state} snapshots it. Not thread-safe. */
final class DemoProgress {
  private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

  private final long pid;
  private final Instant started;
  private final Instant backfillFrom;
  private final Instant backfillTo;
  private final SortedMap<Instant, Long> eventsPerHour = new TreeMap<>();
  private final Deque<long[]> recentLive = new ArrayDeque<>(); // {slot end epoch ms, events}
  private Instant backfilledThrough;
  private long backfillEvents;
  private Instant liveThrough;
  private long liveEvents;
  private long replayedEvents;
  private long errors;
  private String lastError;
  private Instant lastErrorAt;
  private String stopped;
  private Instant stoppedAt;

  DemoProgress(long pid, Instant started, Instant backfillFrom, Instant backfillTo) {
    this.pid = pid;
    this.started = started;
    this.backfillFrom = backfillFrom;
    this.backfillTo = backfillTo;
  }

  Instant backfillFrom() {
    return backfillFrom;
  }

  Instant backfillTo() {
    return backfillTo;
  }

  boolean backfilled() {
    return backfilledThrough != null && !backfilledThrough.isBefore(backfillTo);
  }

  /** A slot the API took: now in Druid's way whether stored now or by an earlier request. */
  void stored(DemoSlots.Slot slot, BatchSender.Stored s, boolean live) {
    eventsPerHour.merge(slot.hour(), (long) s.events(), Long::sum);
    if (s.replayed()) {
      replayedEvents += s.events();
    }
    if (live) {
      liveThrough = slot.end();
      liveEvents += s.events();
      recentLive.addLast(new long[] {slot.end().toEpochMilli(), s.events()});
    } else {
      backfilledThrough = slot.end();
      backfillEvents += s.events();
    }
  }

  void failed(String what, Instant now) {
    errors++;
    lastError = what;
    lastErrorAt = now;
  }

  void stopped(String why, Instant now) {
    stopped = why;
    stoppedAt = now;
  }

  DemoState state(Instant now) {
    long windowStart = now.minus(RATE_WINDOW).toEpochMilli();
    while (!recentLive.isEmpty() && recentLive.peekFirst()[0] <= windowStart) {
      recentLive.removeFirst();
    }
    long recent = recentLive.stream().mapToLong(slot -> slot[1]).sum();
    // Over the last minute, or over the live traffic's first seconds while it is younger.
    long seconds = Math.max(1, Math.min(RATE_WINDOW.toSeconds(), between(backfillTo, now)));
    return new DemoState(
        pid,
        started,
        now,
        backfillFrom,
        backfillTo,
        backfilledThrough,
        backfillEvents,
        liveThrough,
        liveEvents,
        recent / (double) seconds,
        eventsPerHour,
        replayedEvents,
        errors,
        lastError,
        lastErrorAt,
        stopped,
        stoppedAt);
  }

  private static long between(Instant from, Instant to) {
    return Duration.between(from, to).toSeconds();
  }
}
