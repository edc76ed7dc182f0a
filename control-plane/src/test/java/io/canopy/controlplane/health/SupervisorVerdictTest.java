package io.canopy.controlplane.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a supervisor counts as healthy: never suspended (unless on request), lagging or stuck. */
class SupervisorVerdictTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SupervisorReading running(long lag) {
    return new SupervisorReading("events", "RUNNING", true, lag, true, false);
  }

  @Test
  void runningAndReadingWithASmallLagIsHealthyAndNotBehind() {
    SupervisorVerdict v = SupervisorVerdict.judge(running(2), null, NOW);

    assertThat(v.healthy()).isTrue();
    assertThat(v.description()).isEqualTo("RUNNING, lag 2 messages");
    assertThat(v.behindSince()).isNull();
    assertThat(SupervisorVerdict.judge(running(1_000), NOW.minusSeconds(600), NOW).behindSince())
        .as("caught up again: the clock of being behind stops")
        .isNull();
  }

  @Test
  void suspendedIsUnhealthyAtOnceWhateverTheLag() {
    SupervisorReading suspended =
        new SupervisorReading("events", "SUSPENDED", true, 0, false, false);

    SupervisorVerdict v = SupervisorVerdict.judge(suspended, null, NOW);

    assertThat(v.healthy()).isFalse();
    assertThat(v.description())
        .isEqualTo(
            "SUSPENDED; UNHEALTHY: nothing is ingested, posted events wait in Kafka until it is"
                + " resumed");
  }

  @Test
  void aDatasourceItsTenantSuspendedOnPurposeIsReportedButNotUnhealthy() {
    SupervisorReading suspended =
        new SupervisorReading("acme_web", "SUSPENDED", true, 0, false, true);

    SupervisorVerdict v = SupervisorVerdict.judge(suspended, null, NOW);

    assertThat(v.healthy()).isTrue();
    assertThat(v.description())
        .isEqualTo("SUSPENDED; suspended on request: its datasource is suspended");
  }

  @Test
  void whatDruidCallsUnhealthyIsUnhealthy() {
    SupervisorReading failing =
        new SupervisorReading("events", "UNHEALTHY_TASKS", false, 10, true, false);

    SupervisorVerdict v = SupervisorVerdict.judge(failing, null, NOW);

    assertThat(v.healthy()).isFalse();
    assertThat(v.description())
        .isEqualTo(
            "UNHEALTHY_TASKS, lag 10 messages; UNHEALTHY: Druid reports it unhealthy (see the"
                + " indexer's log)");
  }

  @Test
  void aLagAboveTheBarIsToleratedForTheGraceThenUnhealthy() {
    SupervisorVerdict first = SupervisorVerdict.judge(running(24_587), null, NOW);
    assertThat(first.healthy()).as("a forced handoff's gap").isTrue();
    assertThat(first.behindSince()).isEqualTo(NOW);
    assertThat(first.description())
        .isEqualTo(
            "RUNNING, lag 24,587 messages; more than 1,000 messages behind for 0 s (unhealthy"
                + " after 2 min)");

    Instant later = NOW.plus(SupervisorVerdict.GRACE).minusSeconds(1);
    SupervisorVerdict almost = SupervisorVerdict.judge(running(5_012), first.behindSince(), later);
    assertThat(almost.healthy()).isTrue();
    assertThat(almost.behindSince()).isEqualTo(NOW);

    Instant past = NOW.plus(SupervisorVerdict.GRACE);
    SupervisorVerdict lagging = SupervisorVerdict.judge(running(5_012), almost.behindSince(), past);
    assertThat(lagging.healthy()).isFalse();
    assertThat(lagging.description())
        .isEqualTo(
            "RUNNING, lag 5,012 messages; UNHEALTHY: more than 1,000 messages behind for 2 min");
    assertThat(lagging.behindSince()).isEqualTo(NOW);
  }

  @Test
  void theBarIsMoreThanAThousandMessages() {
    assertThat(SupervisorVerdict.judge(running(1_000), NOW.minusSeconds(3600), NOW).healthy())
        .isTrue();
    assertThat(SupervisorVerdict.judge(running(1_001), NOW.minusSeconds(3600), NOW).healthy())
        .isFalse();
  }

  @Test
  void noTaskReadingCountsAsBehindWhateverTheLagSays() {
    SupervisorReading noReader = new SupervisorReading("events", "RUNNING", true, 0, false, false);

    assertThat(SupervisorVerdict.judge(noReader, null, NOW).healthy()).isTrue();
    SupervisorVerdict stuck =
        SupervisorVerdict.judge(noReader, NOW.minus(Duration.ofMinutes(5)), NOW);
    assertThat(stuck.healthy()).isFalse();
    assertThat(stuck.description())
        .isEqualTo("RUNNING, lag 0 messages; UNHEALTHY: no task reading for 5 min");
  }

  @Test
  void readsDruidsStatusPayloads() throws Exception {
    // As Druid 33 answered on the local stack: a running task, then the same supervisor suspended.
    String running =
        """
        {"dataSource":"events","activeTasks":[{"id":"index_kafka_events_1","currentOffsets":
        {"1":0,"0":1},"lag":{"1":0,"0":1}}],"aggregateLag":1,"suspended":false,"healthy":true,
        "state":"RUNNING","detailedState":"RUNNING"}""";
    String suspended =
        """
        {"dataSource":"events","activeTasks":[],"publishingTasks":[{"id":"index_kafka_events_1",
        "currentOffsets":{}}],"minimumLag":{},"aggregateLag":0,"suspended":true,"healthy":true,
        "state":"SUSPENDED","detailedState":"SUSPENDED"}""";
    String starting =
        """
        {"activeTasks":[{"id":"t","currentOffsets":{}}],"aggregateLag":0,"healthy":true,
        "state":"RUNNING","detailedState":"CREATING_TASKS"}""";

    assertThat(SupervisorReading.of("events", JSON.readTree(running), false))
        .isEqualTo(new SupervisorReading("events", "RUNNING", true, 1, true, false));
    assertThat(SupervisorReading.of("events", JSON.readTree(suspended), false))
        .isEqualTo(new SupervisorReading("events", "SUSPENDED", true, 0, false, false));
    assertThat(SupervisorReading.of("events", JSON.readTree(starting), true))
        .isEqualTo(new SupervisorReading("events", "CREATING_TASKS", true, 0, false, true));
  }
}
