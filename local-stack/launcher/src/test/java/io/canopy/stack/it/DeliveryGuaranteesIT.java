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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an answer of {@code POST /v1/events} promises, checked batch by batch in Druid: a 200 means
 * every event is stored once, a 503 means none is (each batch is one Kafka transaction, and Druid
 * reads only committed ones), and a batch resent with its {@code Idempotency-Key} is stored once
 * however often it is sent.
 */
@ExtendWith(LocalStackExtension.class)
class DeliveryGuaranteesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 50;

  /**
   * ingest-api.md: a 503 comes within the delivery deadline (15 s); 3 s for the HTTP round trip.
   */
  private static final Duration DEADLINE = Duration.ofSeconds(18);

  private Stack stack;
  private AdminApi admin;
  private String slug;
  private IngestClient client;

  @BeforeEach
  void setUp() {
    stack = LocalStackExtension.stack();
    admin = new AdminApi(stack.ports().controlPlaneUrl(), LocalStackExtension.operatorToken());
    slug = "dg-" + UUID.randomUUID().toString().substring(0, 8);
    admin.call(
        "POST",
        "/v1/tenants",
        "{\"slug\":\""
            + slug
            + "\",\"name\":\"Delivery\",\"quotas\":"
            + "{\"ingestEventsPerSecond\":100000,\"ingestBurstEvents\":100000}}",
        201);
    String key =
        admin
            .call("POST", "/v1/tenants/" + slug + "/keys", "{\"scopes\":[\"ingest\"]}", 201)
            .get("key")
            .asText();
    client = new IngestClient(stack.ports().controlPlaneUrl(), key);
  }

  @Test
  void batchesAnswered503WhileKafkaIsDownAreNeverStoredAndAcknowledgedOnesAreStoredOnce()
      throws Exception {
    Map<String, Integer> answers = new HashMap<>();
    for (int b = 0; b < 5; b++) {
      answers.put(send("before-" + b, null), 200);
    }
    assertThat(answers.values()).containsOnly(200);

    assertThat(stack.kill("kafka")).isTrue();
    List<Duration> refusals = new ArrayList<>();
    for (int b = 0; refusals.size() < 3 && b < 20; b++) {
      long t0 = System.nanoTime();
      String campaign = campaign("down-" + b);
      IngestClient.Response r = client.post(batch(campaign), null);
      answers.put(campaign, r.status());
      if (r.status() == 503) {
        refusals.add(Duration.ofNanos(System.nanoTime() - t0));
        assertThat(r.retryAfterSeconds()).as(r.body()).isPositive();
        assertThat(JSON.readTree(r.body()).get("accepted").asInt()).isZero();
      } else {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
      }
    }
    assertThat(refusals).as("503 answers while Kafka was down").hasSize(3);
    stack.up();
    Supervisor.events(stack.ports()).awaitRunning(Duration.ofMinutes(3));
    for (int b = 0; b < 5; b++) {
      answers.put(resendUntilAccepted("after-" + b), 200);
    }

    Map<String, Long> stored = storedAfterEverythingSettled();
    for (Map.Entry<String, Integer> answer : answers.entrySet()) {
      long expected = answer.getValue() == 200 ? BATCH : 0;
      assertThat(stored.getOrDefault(answer.getKey(), 0L))
          .as("events of batch %s answered %d", answer.getKey(), answer.getValue())
          .isEqualTo(expected);
    }
    assertThat(refusals).allSatisfy(d -> assertThat(d).isLessThan(DEADLINE));
  }

  @Test
  void aBatchResentWithItsIdempotencyKeyIsStoredOnceAndAnsweredAsTheFirstTime() throws Exception {
    String campaign = campaign("idem");
    List<String> events = batch(campaign);
    String key = "batch-" + UUID.randomUUID();

    IngestClient.Response first = client.post(events, key);
    // The first answer lost on the way back: the client sends the same batch again, twice.
    IngestClient.Response second = client.post(events, key);
    IngestClient.Response third = client.post(events, key);
    IngestClient.Response otherBatch = client.post(batch(campaign("other")), key);

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.replayed()).isFalse();
    for (IngestClient.Response again : List.of(second, third)) {
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.replayed()).isTrue();
      assertThat(JSON.readTree(again.body())).isEqualTo(JSON.readTree(first.body()));
    }
    assertThat(otherBatch.status()).isEqualTo(422);
    assertThat(JSON.readTree(otherBatch.body()).get("field").asText()).isEqualTo("Idempotency-Key");
    assertThat(storedAfterEverythingSettled()).containsEntry(campaign, (long) BATCH);
  }

  private String campaign(String name) {
    return slug + "-" + name;
  }

  /** Posts one batch; returns its campaign after checking the answer's status. */
  private String send(String name, String idempotencyKey) {
    String campaign = campaign(name);
    IngestClient.Response r = client.post(batch(campaign), idempotencyKey);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return campaign;
  }

  /**
   * Sends a batch as a client should right after an outage: again with the same idempotency key
   * until it is accepted (a 503 stored nothing; a lost answer is replayed, not stored twice).
   */
  private String resendUntilAccepted(String name) {
    String campaign = campaign(name);
    List<String> events = batch(campaign);
    Await.until(
        Duration.ofMinutes(1),
        () -> client.post(events, campaign).status(),
        status -> status == 200,
        "batch " + name + " accepted after Kafka came back");
    return campaign;
  }

  private static List<String> batch(String campaign) {
    List<String> events = new ArrayList<>(BATCH);
    Instant now = Instant.now();
    for (int i = 0; i < BATCH; i++) {
      events.add(Events.event("click", now, campaign, Map.of("user_id", "u" + i)));
    }
    return events;
  }

  /**
   * The tenant's stored events per campaign, once a sentinel batch sent last is visible whole: its
   * events lie on every partition after all earlier records, and Druid reads each partition in
   * order and only past decided transactions, so everything before it has been read.
   */
  private Map<String, Long> storedAfterEverythingSettled() {
    String sentinel = send("sentinel", null);
    String broker = stack.ports().brokerUrl();
    Await.until(
        Duration.ofMinutes(3),
        () -> DruidSql.sumCount(broker, "campaign = ?", sentinel),
        n -> n == BATCH,
        "the sentinel batch in Druid");
    Map<String, Long> stored = new HashMap<>();
    for (Map<String, Object> row :
        DruidSql.query(
            broker,
            "SELECT campaign, SUM(\"count\") AS n FROM events WHERE tenant = ? GROUP BY 1",
            slug)) {
      stored.put((String) row.get("campaign"), ((Number) row.get("n")).longValue());
    }
    return stored;
  }
}
