package io.canopy.controlplane.druid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CurrentSupervisorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPEC =
      "{\"type\":\"kafka\",\"spec\":{\"ioConfig\":{\"topic\":\"canopy-events\"}}}";
  private static final String PREVIOUS = SupervisorFingerprint.mark(SPEC.replace("canopy", "old"));
  private static final String FINGERPRINT =
      SupervisorFingerprint.of(SupervisorFingerprint.mark(SPEC)).orElseThrow();

  private final ScheduledExecutorService followUps = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    followUps.shutdownNow();
  }

  /**
   * Druid's supervisors as far as the class sees them: the running spec, the reading tasks that
   * each status shows in turn (the last one repeats), the tasks' fingerprints, and what was asked.
   */
  private static final class Druid implements Supervisors {
    private Optional<String> running;
    private final List<List<String>> readingTasks = new ArrayList<>();
    private final Map<String, String> madeFrom = new HashMap<>();
    private final List<String> posted = new ArrayList<>();
    private final List<String> handedOff = new ArrayList<>();
    private final CountDownLatch looks;

    Druid(String running, int looks) {
      this.running = Optional.ofNullable(running);
      this.looks = new CountDownLatch(looks);
    }

    Druid task(String id, String fingerprint) {
      madeFrom.put(id, fingerprint);
      return this;
    }

    Druid reading(String... ids) {
      readingTasks.add(List.of(ids));
      return this;
    }

    @Override
    public Optional<String> supervisorSpec(String id) {
      return running;
    }

    @Override
    public void postSupervisor(String specJson) {
      posted.add(specJson);
      running = Optional.of(specJson);
    }

    @Override
    public synchronized Optional<JsonNode> supervisorStatus(String id) {
      List<String> ids = readingTasks.size() > 1 ? readingTasks.remove(0) : readingTasks.get(0);
      StringBuilder tasks = new StringBuilder();
      for (String task : ids) {
        tasks
            .append(tasks.length() == 0 ? "" : ",")
            .append("{\"id\":\"")
            .append(task)
            .append("\"}");
      }
      looks.countDown();
      return Optional.of(read("{\"suspended\":false,\"activeTasks\":[" + tasks + "]}"));
    }

    @Override
    public Optional<JsonNode> taskPayload(String taskId) {
      return Optional.ofNullable(madeFrom.get(taskId))
          .map(f -> read("{\"context\":{\"canopySpecFingerprint\":\"" + f + "\"}}"));
    }

    @Override
    public synchronized void handoffEarly(String id) {
      handedOff.add(id);
    }

    synchronized List<String> handedOff() {
      return List.copyOf(handedOff);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private CurrentSupervisor supervisors(Druid druid) {
    return new CurrentSupervisor(druid, followUps, Duration.ofMillis(1), Duration.ofSeconds(30));
  }

  @Test
  void aNewSupervisorIsPostedMarkedAndNothingIsLookedAt() {
    Druid druid = new Druid(null, 1);

    assertThat(supervisors(druid).ensure("events", SPEC, false)).isTrue();

    assertThat(druid.posted).containsExactly(SupervisorFingerprint.mark(SPEC));
    assertThat(druid.looks.getCount()).isEqualTo(1);
  }

  @Test
  void theCurrentSpecIsLeftAloneSinceDruidRestartsASupervisorOnEveryPost() {
    Druid druid = new Druid(SupervisorFingerprint.mark(SPEC), 1);

    assertThat(supervisors(druid).ensure("events", SPEC, false)).isFalse();

    assertThat(druid.posted).isEmpty();
  }

  /**
   * After a restart the new supervisor finds its tasks only on its first run: a handoff before that
   * is lost. So the looks go on until a task of the previous spec shows, hand it off, and stop once
   * the reading tasks are of the current spec.
   */
  @Test
  void aTaskOfThePreviousSpecIsHandedOffOnceTheSupervisorHasFoundIt() throws Exception {
    Druid druid =
        new Druid(PREVIOUS, 4)
            .task("old-task", SupervisorFingerprint.of(PREVIOUS).orElseThrow())
            .task("new-task", FINGERPRINT)
            .reading()
            .reading()
            .reading("old-task")
            .reading("new-task");

    assertThat(supervisors(druid).ensure("events", SPEC, false)).isTrue();

    assertThat(druid.looks.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(druid.posted).containsExactly(SupervisorFingerprint.mark(SPEC));
    assertThat(druid.handedOff()).containsExactly("events");
  }

  @Test
  void tasksAlreadyOfTheCurrentSpecAreNotHandedOff() {
    Druid druid = new Druid(PREVIOUS, 1).task("new-task", FINGERPRINT).reading("new-task");
    CurrentSupervisor supervisors = supervisors(druid);

    assertThat(supervisors.handOffPrevious("events", FINGERPRINT)).isTrue();
    assertThat(druid.handedOff()).isEmpty();
  }

  @Test
  void noReadingTaskYetMeansLookAgainAndATaskOfThePreviousSpecIsHandedOffEachLook() {
    Druid druid =
        new Druid(PREVIOUS, 1)
            .task("old-task", "an-earlier-one")
            .reading()
            .reading("old-task")
            .reading("old-task");
    CurrentSupervisor supervisors = supervisors(druid);

    assertThat(supervisors.handOffPrevious("events", FINGERPRINT)).isFalse();
    assertThat(druid.handedOff()).isEmpty();
    assertThat(supervisors.handOffPrevious("events", FINGERPRINT)).isFalse();
    assertThat(supervisors.handOffPrevious("events", FINGERPRINT)).isFalse();
    assertThat(druid.handedOff()).containsExactly("events", "events");
  }

  @Test
  void aSuspendedSupervisorGetsTheChangedSpecAndStaysSuspendedWithNothingHandedOff()
      throws Exception {
    Druid druid =
        new Druid(PREVIOUS.substring(0, PREVIOUS.length() - 1) + ",\"suspended\":true}", 1);

    assertThat(supervisors(druid).ensure("acme_web", SPEC, false)).isTrue();

    assertThat(druid.posted).hasSize(1);
    assertThat(JSON.readTree(druid.posted.get(0)).path("suspended").asBoolean()).isTrue();
    assertThat(SupervisorFingerprint.of(druid.posted.get(0))).contains(FINGERPRINT);
    assertThat(druid.looks.getCount()).isEqualTo(1);
  }

  @Test
  void aSupervisorItsTenantSuspendedIsPostedSuspendedEvenIfDruidLostIt() throws Exception {
    Druid druid = new Druid(null, 1);

    assertThat(supervisors(druid).ensure("acme_web", SPEC, true)).isTrue();

    assertThat(JSON.readTree(druid.posted.get(0)).path("suspended").asBoolean()).isTrue();
  }
}
