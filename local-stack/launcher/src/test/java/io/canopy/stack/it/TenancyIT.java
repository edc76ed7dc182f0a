package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.CatchUp;
import io.canopy.stack.druid.DruidSql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenants on the real stack: a tenant made through the admin API sends events with its own key,
 * they land in the pooled {@code events} datasource under its tenant value, its ingest quota
 * refuses whole batches above the rate and loses nothing below it, and suspension, resumption and
 * revocation apply to the next request.
 */
@ExtendWith(LocalStackExtension.class)
class TenancyIT {
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private AdminApi admin;
  private String slug;

  @BeforeEach
  void setUp() {
    admin =
        new AdminApi(
            LocalStackExtension.stack().ports().controlPlaneUrl(),
            LocalStackExtension.operatorToken());
    slug = "it-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static IngestClient clientOf(String key) {
    return new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), key);
  }

  /** Waits until Druid has read all sent so far; the marker goes in as the stack's own tenant. */
  private static void catchUp() throws InterruptedException {
    CatchUp.await(
        clientOf(LocalStackExtension.apiKey()),
        LocalStackExtension.stack().ports(),
        VISIBLE_WITHIN,
        () -> {});
  }

  private String newKey(String... scopes) {
    String list = String.join("\",\"", scopes);
    return admin
        .call("POST", "/v1/tenants/" + slug + "/keys", "{\"scopes\":[\"" + list + "\"]}", 201)
        .get("key")
        .asText();
  }

  private static List<String> batch(int size, String campaign) {
    List<String> events = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < size; i++) {
      events.add(Events.event("click", now.minusMillis(i), campaign, Map.of("user_id", "u" + i)));
    }
    return events;
  }

  @Test
  void overTheRateWholeBatchesAre429AndEveryAcceptedEventReachesDruidOnce() throws Exception {
    admin.call(
        "POST",
        "/v1/tenants",
        "{\"slug\":\""
            + slug
            + "\",\"name\":\"Rate limited\",\"quotas\":"
            + "{\"ingestEventsPerSecond\":50,\"ingestBurstEvents\":100,\"maxBatchEvents\":100}}",
        201);
    IngestClient client = clientOf(newKey("ingest"));
    String campaign = "rl-" + slug;

    int accepted = 0;
    AtomicInteger refused = new AtomicInteger();
    for (int sent = 0; sent < 4; sent++) {
      List<String> events = batch(100, campaign);
      // Resend the same batch until it is admitted; every refusal must be whole and say when.
      IngestClient.Response r =
          Await.until(
              Duration.ofSeconds(30),
              () -> {
                IngestClient.Response answer = client.post(events);
                if (answer.status() == 429) {
                  refused.incrementAndGet();
                  assertThat(answer.body()).contains("nothing of this batch was accepted");
                  assertThat(answer.retryAfterSeconds()).isBetween(1L, 2L); // 100 events at 50/s
                }
                return answer;
              },
              answer -> answer.status() != 429,
              "batch " + sent + " admitted under the quota");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      accepted += JSON.readTree(r.body()).get("accepted").asInt();
    }

    assertThat(refused.get()).isPositive();
    assertThat(accepted).isEqualTo(400);
    catchUp();
    assertThat(
            DruidSql.sumCount(LocalStackExtension.stack().ports().brokerUrl(), "tenant = ?", slug))
        .as("400 events of " + slug)
        .isEqualTo(400);
  }

  @Test
  void suspensionRefusesTheNextBatchAndResumptionAcceptsIt() throws Exception {
    admin.call("POST", "/v1/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"Sleepy\"}", 201);
    IngestClient client = clientOf(newKey("ingest"));

    admin.call("POST", "/v1/tenants/" + slug + "/suspend", null, 200);
    IngestClient.Response refused = client.post(batch(3, "sus-" + slug));
    admin.call("POST", "/v1/tenants/" + slug + "/resume", null, 200);
    IngestClient.Response accepted = client.post(batch(3, "sus-" + slug));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("suspended");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    catchUp();
    assertThat(
            DruidSql.sumCount(LocalStackExtension.stack().ports().brokerUrl(), "tenant = ?", slug))
        .as("the 3 events sent after resuming")
        .isEqualTo(3);
  }

  @Test
  void aRevokedKeyIsRefusedOnTheNextRequest() throws Exception {
    admin.call("POST", "/v1/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"Revoked\"}", 201);
    String key = newKey("ingest");
    IngestClient client = clientOf(key);
    assertThat(client.post(batch(1, "rev-" + slug)).status()).isEqualTo(200);
    String id =
        admin.call("GET", "/v1/tenants/" + slug + "/keys", null, 200).at("/items/0/id").asText();

    admin.call("DELETE", "/v1/tenants/" + slug + "/keys/" + id, null, 204);

    assertThat(client.post(batch(1, "rev-" + slug)).status()).isEqualTo(401);
  }
}
