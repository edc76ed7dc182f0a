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
 * {@code up --demo}'s generator, started as {@code up} starts it, against the real stack: six hours
 * back-filled under the tenant's ingest quota (1,000 events/s, the default) and counted per hour in
 * Druid against what the generator says the API took, live traffic still arriving a minute after
 * the back-fill, a killed generator shown dead by {@code status}, and a restarted one storing
 * nothing twice.
 *
 * <p>The generator sends as a tenant of its own here, with the default tenant's quotas: the other
 * tests' events of the default tenant would otherwise make the per-hour counts inexact, and the
 * demo's would sit in their counts. Its events are in no other test's tenant or campaign.
 */
@ExtendWith(LocalStackExtension.class)
class DemoTrafficIT {
  private static final Duration BACKFILL_WITHIN = Duration.ofMinutes(6);

  private final Stack stack = LocalStackExtension.stack();
  private final Path stateFile = DemoTraffic.stateFile(stack);

  @Test
  void sixHoursBackFilledExactlyLiveTrafficAfterAndARestartStoresNothingTwice() throws Exception {
    String slug = "demo-" + UUID.randomUUID().toString().substring(0, 8);
    Path keyFile = keyOfANewTenant(slug);
    PidFile first = DemoTraffic.startDetached(stack, keyFile).orElseThrow();

    DemoState early = awaitState(first, s -> s.backfilledThrough() != null, "a first back-fill");
    CanopyCliIT.Run running = CanopyCliIT.canopy("status");
    assertThat(running.output())
        .containsPattern("(?m)^demo\\s+running\\s+pid " + first.pid() + ": back-fill");
    assertThat(early.backfillTo()).isBefore(Instant.now());
    assertThat(Duration.between(early.backfillFrom(), early.backfillTo()))
        .isEqualTo(Duration.ofHours(6));

    DemoState backfilled = awaitState(first, DemoState::backfilled, "six hours back-filled");
    Instant ended = backfilled.updatedAt();
    // Overlapping the live minute below: every whole back-filled hour, event for event.
    awaitDruidHours(slug, backfilled, backfilled.backfillTo().truncatedTo(ChronoUnit.HOURS));
    DemoState later =
        awaitState(
            first,
            s -> s.liveThrough().isAfter(ended.plusSeconds(60)),
            "live traffic a minute after the back-fill");
    Await.until(
        Duration.ofSeconds(60),
        () -> countFrom(slug, ended.plusSeconds(50)),
        n -> n > 0,
        "live events of the minute after the back-fill in Druid");
    assertThat(later.liveEventsPerSecond()).isPositive();

    assertThat(stack.kill("demo")).isTrue();
    CanopyCliIT.Run dead = CanopyCliIT.canopy("status");
    assertThat(dead.exit()).isEqualTo(1);
    assertThat(dead.output())
        .contains("demo                   DEAD (pid " + first.pid() + " is gone");

    PidFile second = DemoTraffic.startDetached(stack, keyFile).orElseThrow();
    DemoState again = awaitState(second, DemoState::backfilled, "the restart's back-fill");
    assertThat(again.replayedEvents()).as("slots the first run stored").isPositive();
    Processes.stop(second, Duration.ofSeconds(45));
    DemoState last = DemoState.read(stateFile).orElseThrow();
    assertThat(last.stopped()).isEqualTo("stopped");
    // Everything from the restart's first whole hour on, the live hour included: exactly once.
    awaitDruidHours(slug, last, last.liveThrough().truncatedTo(ChronoUnit.HOURS).plusSeconds(3600));
    assertThat(countFrom(slug, last.liveThrough()))
        .as("nothing after the last slot the API took")
        .isZero();
  }

  private Path keyOfANewTenant(String slug) throws Exception {
    AdminApi admin = AdminApi.operator();
    admin.call("POST", "/v1/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"Demo\"}", 201);
    String key =
        admin
            .call("POST", "/v1/tenants/" + slug + "/keys", "{\"scopes\":[\"ingest\"]}", 201)
            .get("key")
            .asText();
    Path file = stack.layout().secrets().resolve(slug + "-api-key");
    Files.writeString(file, key);
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
