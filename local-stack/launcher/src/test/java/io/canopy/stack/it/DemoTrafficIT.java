package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.stack.Stack;
import io.canopy.stack.demo.DemoState;
import io.canopy.stack.demo.DemoTraffic;
import io.canopy.stack.druid.DruidSql;
import io.canopy.stack.process.PidFile;
import io.canopy.stack.process.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code up --demo}'s generator, started as {@code up} starts it, against the real stack: killed in
 * the middle of its back-fill and shown dead by {@code status}, started again and storing nothing
 * twice, six hours back-filled under the tenant's ingest quota (1,000 events/s, the default) and
 * counted per hour in Druid against what the generator says the API took, and live traffic still
 * arriving a minute after the back-fill.
 *
 * <p>The generator sends as a tenant of its own here, with the default tenant's quotas: the other
 * tests' events of the default tenant would otherwise make the per-hour counts inexact, and the
 * demo's would sit in their counts. Its events are in no other test's tenant or campaign.
 */
@ExtendWith(LocalStackExtension.class)
class DemoTrafficIT {
  private static final Duration BACKFILL_WITHIN = Duration.ofMinutes(6);
  private static final Duration LIVE_AFTER = Duration.ofSeconds(20);

  private final Stack stack = LocalStackExtension.stack();
  private final Path stateFile = DemoTraffic.stateFile(stack);

  @Test
  void sixHoursBackFilledExactlyLiveTrafficAfterAndARestartStoresNothingTwice() throws Exception {
    String slug = "demo-" + UUID.randomUUID().toString().substring(0, 8);
    Path keyFile = keyOfANewTenant(slug);
    PidFile first = DemoTraffic.startDetached(stack, keyFile).orElseThrow();

    DemoState early = awaitState(first, s -> s.backfilledThrough() != null, "a first back-fill");
    CanopyCliIT.Run backfilling = CanopyCliIT.canopy("status");
    assertThat(backfilling.output())
        .containsPattern("(?m)^demo\\s+running\\s+pid " + first.pid() + ": back-filling, through ");
    assertThat(Duration.between(early.backfillFrom(), early.backfillTo()))
        .isEqualTo(Duration.ofHours(6));

    // Killed in the middle of its back-fill: status says it is dead, not how far it was.
    assertThat(stack.kill("demo")).isTrue();
    CanopyCliIT.Run dead = CanopyCliIT.canopy("status");
    assertThat(dead.exit()).isEqualTo(1);
    assertThat(dead.output())
        .containsPattern("(?m)^demo\\s+DEAD \\(pid " + first.pid() + " is gone");

    // Started again, as the next up --demo would: what the first stored is answered, not stored.
    PidFile second = DemoTraffic.startDetached(stack, keyFile).orElseThrow();
    DemoState backfilled = awaitState(second, DemoState::backfilled, "six hours back-filled");
    assertThat(backfilled.replayedEvents()).as("events the first run stored").isPositive();
    Instant ended = backfilled.updatedAt();
    // Meanwhile the live traffic goes on: every whole back-filled hour, event for event.
    awaitDruidHours(slug, backfilled, backfilled.backfillTo().truncatedTo(ChronoUnit.HOURS));
    // Live traffic has run since the start, minutes ago; it must go on after the back-fill: two
    // slots past its end are the shortest proof (the exact count below includes them).
    awaitState(
        second,
        s -> s.liveThrough().isAfter(ended.plus(LIVE_AFTER)),
        "live traffic after the back-fill");
    Await.until(
        Duration.ofSeconds(60),
        () -> countFrom(slug, ended.plus(LIVE_AFTER).minusSeconds(10)),
        n -> n > 0,
        "live events after the back-fill in Druid");

    Processes.stop(second, Duration.ofSeconds(45));
    DemoState last = DemoState.read(stateFile).orElseThrow();
    assertThat(last.stopped()).isEqualTo("stopped");
    assertThat(last.liveEventsPerSecond()).isPositive();
    // From the second run's first whole hour to the live one: every event exactly once.
    awaitDruidHours(slug, last, last.liveThrough().truncatedTo(ChronoUnit.HOURS).plusSeconds(3600));
    assertThat(countFrom(slug, last.liveThrough()))
        .as("nothing after the last slot the API took")
        .isZero();
  }

  /** A new tenant with the default quotas; its ingest key, in a file as up writes the default's. */
  private Path keyOfANewTenant(String slug) throws Exception {
    Path file = stack.layout().secrets().resolve(slug + "-api-key");
    Files.writeString(file, AdminApi.operator().tenantWithKey(slug, null, "ingest"));
    return file;
  }

  private DemoState awaitState(
      PidFile generator, java.util.function.Predicate<DemoState> done, String what) {
    return Await.until(
            BACKFILL_WITHIN,
            () -> DemoState.read(stateFile).filter(s -> s.pid() == generator.pid()),
            s -> s.isPresent() && done.test(s.get()),
            what + " (generator state)")
        .orElseThrow();
  }

  /**
   * Waits until Druid holds, for every whole hour from the state's back-fill start up to {@code
   * before}, exactly the events the generator says the API took.
   */
  private void awaitDruidHours(String slug, DemoState state, Instant before) {
    Instant first = state.backfillFrom().truncatedTo(ChronoUnit.HOURS).plusSeconds(3600);
    SortedMap<Instant, Long> expected = new TreeMap<>(state.eventsPerHour().subMap(first, before));
    assertThat(expected).as("whole hours to compare").hasSizeGreaterThanOrEqualTo(5);
    Await.until(
        Duration.ofMinutes(2),
        () -> new TreeMap<>(perHour(slug).subMap(first, before)),
        expected::equals,
        "Druid's events per hour of " + slug + " equal to " + expected);
  }

  private static SortedMap<Instant, Long> perHour(String slug) {
    SortedMap<Instant, Long> hours = new TreeMap<>();
    for (Map<String, Object> row :
        DruidSql.query(
            LocalStackExtension.stack().ports().brokerUrl(),
            "SELECT TIME_FLOOR(__time, 'PT1H') AS h, SUM(\"count\") AS n FROM events"
                + " WHERE tenant = ? GROUP BY 1",
            slug)) {
      hours.put(Instant.parse((String) row.get("h")), ((Number) row.get("n")).longValue());
    }
    return hours;
  }

  /** The tenant's events from {@code from} on. */
  private static long countFrom(String slug, Instant from) {
    return DruidSql.sumCount(
        LocalStackExtension.stack().ports().brokerUrl(),
        "tenant = ? AND __time >= TIME_PARSE(?)",
        slug,
        from.toString());
  }
}
