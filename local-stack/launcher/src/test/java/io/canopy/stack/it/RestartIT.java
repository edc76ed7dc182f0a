package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.stack.Stack;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.CatchUp;
import io.canopy.stack.druid.DruidSql;
import io.canopy.stack.druid.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code down} then {@code up} keeps the data and ingestion resumes without loss or duplicates. */
@ExtendWith(LocalStackExtension.class)
class RestartIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(120);

  @Test
  void downThenUpKeepsDataAndResumesIngestionExactlyOnce() throws Exception {
    Stack stack = LocalStackExtension.stack();
    String broker = stack.ports().brokerUrl();
    String campaign = "restart-" + UUID.randomUUID();
    int before = post(stack, campaign, 300);
    CatchUp.await(client(stack), stack.ports(), VISIBLE_WITHIN, () -> {});
    assertThat(DruidSql.sumCount(broker, "campaign = ?", campaign))
        .as("every event once before the restart")
        .isEqualTo(before);

    // As after an upgrade, the supervisor runs a spec other than the one the control plane renders
    // (this is how the Kafka login came). After the restart its task, restored by the indexer, must
    // give way to one of the current spec, and nothing may be lost or doubled. Druid hands it off
    // itself when its supervisor found the task before the control plane's post; in the other
    // order only the control plane's handoff does (CurrentSupervisorTest).
    Supervisor events = Supervisor.events(stack.ports());
    List<String> current = readingTasks(events);
    ObjectNode earlier = (ObjectNode) events.spec();
    ((ObjectNode) earlier.path("context")).put("canopySpecFingerprint", "an-earlier-spec");
    events.create(earlier.toString());
    List<String> earlierTasks =
        Await.until(
            Duration.ofMinutes(2),
            () -> readingTasks(events),
            ids -> !ids.isEmpty() && ids.stream().noneMatch(current::contains),
            "a task reading with the earlier spec");

    stack.down();
    assertThat(stack.running()).isEmpty();
    stack.up();
    events.awaitRunning(Duration.ofMinutes(3));
    Await.until(
        Duration.ofMinutes(3),
        () -> readingTasks(events),
        ids -> !ids.isEmpty() && ids.stream().noneMatch(earlierTasks::contains),
        "tasks of the current spec in place of " + earlierTasks);
    assertThat(events.spec().at("/context/canopySpecFingerprint").asText())
        .isNotEqualTo("an-earlier-spec");

    assertThat(DruidSql.sumCount(broker, "campaign = ?", campaign))
        .as("data kept across down/up")
        .isEqualTo(before);
    int after = post(stack, campaign, 200);
    CatchUp.await(client(stack), stack.ports(), VISIBLE_WITHIN, () -> {});
    assertThat(DruidSql.sumCount(broker, "campaign = ?", campaign))
        .as("no loss, no duplicates")
        .isEqualTo(before + after);
  }

  /** The supervisor's tasks that have started reading (a starting one has no start time). */
  private static List<String> readingTasks(Supervisor supervisor) {
    try {
      List<String> ids = new ArrayList<>();
      supervisor
          .status()
          .ifPresent(
              s ->
                  s.path("activeTasks")
                      .forEach(
                          t -> {
                            if (t.hasNonNull("startTime")) {
                              ids.add(t.path("id").asText());
                            }
                          }));
      return ids;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static IngestClient client(Stack stack) {
    return new IngestClient(stack.ports().controlPlaneUrl(), LocalStackExtension.apiKey());
  }

  private static int post(Stack stack, String campaign, int n) throws Exception {
    IngestClient client = client(stack);
    List<String> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(Events.event("click", Instant.now(), campaign, Map.of("user_id", "u" + i)));
      if (batch.size() == 100) {
        IngestClient.Response r = client.post(batch);
        assertThat(JSON.readTree(r.body()).get("accepted").asInt()).as(r.body()).isEqualTo(100);
        batch.clear();
      }
    }
    return n;
  }
}
