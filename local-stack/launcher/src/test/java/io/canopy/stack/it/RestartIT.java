package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.Stack;
import io.canopy.stack.client.IngestClient;
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
    Await.until(
        VISIBLE_WITHIN,
        () -> DruidSql.sumCount(broker, "campaign = ?", campaign),
        n -> n == before,
        "events before restart");

    stack.down();
    assertThat(stack.running()).isEmpty();
    stack.up();
    Supervisor.events(stack.ports()).awaitRunning(Duration.ofMinutes(3));

    assertThat(DruidSql.sumCount(broker, "campaign = ?", campaign))
        .as("data kept across down/up")
        .isEqualTo(before);
    int after = post(stack, campaign, 200);
    long total =
        Await.until(
            VISIBLE_WITHIN,
            () -> DruidSql.sumCount(broker, "campaign = ?", campaign),
            n -> n >= before + after,
            "events after restart");
    assertThat(total).as("no loss, no duplicates").isEqualTo(before + after);
  }

  private static int post(Stack stack, String campaign, int n) throws Exception {
    IngestClient client =
        new IngestClient(stack.ports().controlPlaneUrl(), LocalStackExtension.apiKey());
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
