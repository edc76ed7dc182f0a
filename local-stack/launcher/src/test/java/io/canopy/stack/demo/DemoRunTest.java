package io.canopy.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.stack.client.IngestClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The demo generator against a simulated ingest API with the control plane's rate quota (a token
 * bucket per tenant) and idempotency keys, on a simulated clock.
 */
class DemoRunTest {
  /** After the daily peak: the six hours back-filled hold the most events of any start. */
  private static final Instant EVENING = Instant.parse("2026-12-07T18:00:03Z");

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  /** A clock that moves only when the run sleeps. */
  private static final class SimulatedClock extends Clock {
    private Instant now;

    SimulatedClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** The ingest API as the demo meets it: one tenant's quota, keys kept, batches stored. */
  private static final class SimulatedApi {
    private final SimulatedClock clock;
    private final double rate;
    private final double burst;
    private double tokens;
    private Instant refilled;
    private final Map<String, Integer> byKey = new HashMap<>();
    private final Map<Instant, Integer> storedPerSlot = new HashMap<>();
    private final List<String> batches = new ArrayList<>();
    private int refused;
    private Predicate<List<String>> wrong = events -> false;

    SimulatedApi(SimulatedClock clock, double rate, double burst) {
      this.clock = clock;
      this.rate = rate;
      this.burst = burst;
      this.tokens = burst;
      this.refilled = clock.instant();
    }

    IngestClient.Response post(List<String> events, String key) {
      if (wrong.test(events)) {
        return new IngestClient.Response(400, "{\"error\":\"malformed JSON\"}", 0, false);
      }
      if (byKey.containsKey(key)) {
        return ok(byKey.get(key), true);
      }
      Instant now = clock.instant();
      tokens = Math.min(burst, tokens + rate * Duration.between(refilled, now).toNanos() / 1e9);
      refilled = now;
      if (tokens < events.size()) {
        refused++;
        long wait = (long) Math.ceil((events.size() - tokens) / rate);
        return new IngestClient.Response(429, "{\"error\":\"over quota\"}", wait, false);
      }
      tokens -= events.size();
      byKey.put(key, events.size());
      Instant slot = Instant.ofEpochSecond(Long.parseLong(key.split("-")[2]));
      storedPerSlot.merge(slot, events.size(), Integer::sum);
      batches.add(key);
      return ok(events.size(), false);
    }

    private static IngestClient.Response ok(int n, boolean replayed) {
      return new IngestClient.Response(
          200, "{\"accepted\":" + n + ",\"rejected\":[]}", 0, replayed);
    }

    SortedMap<Instant, Long> storedPerHour() {
      SortedMap<Instant, Long> hours = new TreeMap<>();
      storedPerSlot.forEach(
          (slot, n) -> hours.merge(new DemoSlots.Slot(slot).hour(), (long) n, Long::sum));
      return hours;
    }
  }

  private final List<DemoState> published = new ArrayList<>();

  /** Runs a generator started at the clock's time until {@code until} holds for its state. */
  private DemoRun runUntil(SimulatedClock clock, SimulatedApi api, Predicate<DemoState> until)
      throws Exception {
    DemoRun[] run = new DemoRun[1];
    run[0] =
        new DemoRun(
            (events, key) -> {
              IngestClient.Response r = api.post(events, key);
              if (!published.isEmpty() && until.test(published.get(published.size() - 1))) {
                run[0].stop();
              }
              return r;
            },
            clock,
            (d, stopping) -> clock.now = clock.now.plus(d),
            clock.instant(),
            42,
            published::add,
            QUIET);
    run[0].run();
    return run[0];
  }

  private DemoState last() {
    return published.get(published.size() - 1);
  }

  @Test
  void theBackFillAtTheDailyPeakFitsTheDefaultQuotaAndMeetsTheLiveTrafficWithoutAGap()
      throws Exception {
    SimulatedClock clock = new SimulatedClock(EVENING);
    SimulatedApi api = new SimulatedApi(clock, 1_000, 2_000);

    runUntil(
        clock, api, s -> s.backfilled() && s.liveThrough().isAfter(s.backfillTo().plusSeconds(60)));

    DemoState s = last();
    assertThat(api.refused).as("batches refused over the quota").isZero();
    assertThat(s.backfillFrom()).isEqualTo(Instant.parse("2026-12-07T12:00:00Z"));
    assertThat(s.backfillTo()).isEqualTo(Instant.parse("2026-12-07T18:00:00Z"));
    assertThat(s.stopped()).isEqualTo("stopped");
    // every slot from the back-fill's start to the last live one, once
    List<Instant> slots = new ArrayList<>(api.storedPerSlot.keySet());
    slots.sort(null);
    assertThat(slots.get(0)).isEqualTo(s.backfillFrom());
    assertThat(slots.get(slots.size() - 1)).isEqualTo(s.liveThrough().minus(DemoSlots.SLOT));
    assertThat(slots)
        .hasSize((int) Duration.between(s.backfillFrom(), s.liveThrough()).toSeconds() / 10);
    assertThat(api.batches).doesNotHaveDuplicates();
    assertThat(s.eventsPerHour()).isEqualTo(api.storedPerHour());
    long backfilled = s.backfillEvents();
    assertThat(backfilled).isBetween(90_000L, 110_000L);
    Duration took = Duration.between(EVENING, s.updatedAt());
    assertThat(took)
        .as("back-fill of %,d events at %d/s, then a live minute", backfilled, 800)
        .isLessThan(Duration.ofSeconds(backfilled / 800 + 90));
    assertThat(s.liveEventsPerSecond()).isBetween(3.0, 5.0);
  }

  @Test
  void aRestartedGeneratorStoresNothingTwiceAndFillsTheGapWhileItWasAway() throws Exception {
    SimulatedClock clock = new SimulatedClock(Instant.parse("2026-12-07T07:00:03Z"));
    SimulatedApi api = new SimulatedApi(clock, 1_000, 2_000);
    runUntil(clock, api, DemoState::backfilled);
    int firstRun = api.batches.size();
    clock.now = clock.now.plus(Duration.ofMinutes(5)); // down, then up --demo again
    published.clear();

    Instant restart = clock.instant();
    runUntil(clock, api, DemoState::backfilled);

    DemoState s = last();
    assertThat(api.batches).doesNotHaveDuplicates();
    assertThat(api.batches.size() - firstRun)
        .as("new slots: the five minutes away, about")
        .isBetween(30, 33);
    assertThat(s.replayedEvents()).isPositive();
    Instant backfilled =
        published.stream().filter(DemoState::backfilled).findFirst().orElseThrow().updatedAt();
    assertThat(Duration.between(restart, backfilled))
        .as("answers from the first run's keys cost no quota and are not paced")
        .isLessThan(Duration.ofSeconds(5));
    assertThat(s.eventsPerHour().tailMap(s.backfillFrom().plusSeconds(3600)))
        .isEqualTo(api.storedPerHour().tailMap(s.backfillFrom().plusSeconds(3600)));
  }

  @Test
  void aQuotaSetBelowThePaceSlowsTheBackFillButLosesNothing() throws Exception {
    SimulatedClock clock = new SimulatedClock(Instant.parse("2026-12-07T06:00:00Z"));
    SimulatedApi api = new SimulatedApi(clock, 100, 1_000);

    runUntil(clock, api, DemoState::backfilled);

    DemoState s = last();
    assertThat(api.refused).isPositive();
    assertThat(s.errors()).isEqualTo(api.refused);
    assertThat(s.lastError()).startsWith("HTTP 429: over quota (waiting ");
    assertThat(api.batches).doesNotHaveDuplicates();
    assertThat(s.eventsPerHour()).isEqualTo(api.storedPerHour());
    assertThat(s.backfilled()).isTrue();
  }

  @Test
  void aBatchTheApiCallsWrongEndsTheRunAndItsStateSaysWhy() {
    SimulatedClock clock = new SimulatedClock(EVENING);
    SimulatedApi api = new SimulatedApi(clock, 1_000, 2_000);
    api.wrong = events -> api.batches.size() == 3;

    assertThatThrownBy(() -> runUntil(clock, api, s -> false))
        .isInstanceOf(BatchSender.GaveUp.class);

    assertThat(last().stopped())
        .isEqualTo("gave up: the ingest API refused a batch: HTTP 400: malformed JSON");
    assertThat(last().stoppedAt()).isEqualTo(clock.instant());
  }
}
