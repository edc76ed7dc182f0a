package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import io.canopy.stack.druid.Supervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The events template's {@code tenant_minute} projection answers every built-in measure the query
 * API asks for, from real-time segments and from handed-off ones: each native query Druid ran for
 * the control plane (as its broker's request log has it) runs again as the tenant with {@code
 * useProjection}, which Druid refuses when the projection cannot serve it, and gives the answer the
 * base rows give ({@code noProjections}).
 */
@ExtendWith(LocalStackExtension.class)
class QueryProjectionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROJECTION = "tenant_minute";
  private static final String[] TYPES = {"page_view", "page_view", "click", "purchase"};
  private static final String[] COUNTRIES = {"US", "DE", "FR"};
  private static final int EVENTS = 600;

  @Test
  void everyBuiltInMeasureIsAnsweredFromTheProjectionBeforeAndAfterHandoff() throws Exception {
    String slug = "proj-" + UUID.randomUUID().toString().substring(0, 6);
    String key = AdminApi.operator().tenantWithKey(slug, null, "ingest", "query");
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Instant start = hour.minus(3, ChronoUnit.HOURS);
    Instant end = hour.minus(1, ChronoUnit.HOURS);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("country", COUNTRIES[i % COUNTRIES.length]);
      extra.put("device", i % 2 == 0 ? "mobile" : "desktop");
      // page k gets (2k + 1) of every 49 events: no two pages tie in the top items
      extra.put("page", "/p" + (int) Math.sqrt(i % 49));
      extra.put("user_id", "u" + (i % 40));
      extra.put("duration_ms", 10 + i % 500);
      if (TYPES[i % TYPES.length].equals("purchase")) {
        extra.put("revenue", 2.5);
      }
      events.add(
          Events.event(TYPES[i % TYPES.length], start.plusSeconds(i * 12L), "projection", extra));
    }
    IngestClient.Response sent =
        new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), key).post(events);
    assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    String broker = LocalStackExtension.stack().ports().brokerUrl();
    Await.until(
        Duration.ofSeconds(90),
        () -> DruidSql.sumCount(broker, "tenant = ?", slug),
        n -> n == EVENTS,
        EVENTS + " events in Druid");

    AdminApi api = AdminApi.controlPlane(key);
    List<String> models = models(start, end);
    for (String model : models) {
      api.call("POST", "/v1/query", model, 200);
    }
    int live = assertProjectionAnswersEveryQueryOf(slug, key);

    Supervisor.events(LocalStackExtension.stack().ports()).handoff(0);
    Await.until(
        Duration.ofMinutes(5),
        () -> QueryCacheIT.settledHours(start, end),
        n -> n == 2,
        "both hours handed off and served from published segments");
    // Over settled hours the cache keys carry the segments' version: these run in Druid again,
    // once the control plane has reread the timeline (every 5 s while in use); until then it may
    // serve the live answers, which are less than a minute old.
    JsonNode totals =
        Await.until(
            Duration.ofSeconds(30),
            () -> {
              JsonNode last = null;
              for (String model : models) {
                last = api.call("POST", "/v1/query", model, 200).path("totals").path("values");
              }
              return last;
            },
            answer -> nativeQueriesOf(slug).size() > live,
            "the questions asked in Druid again over the handed-off hours");
    assertThat(totals.path("events").asLong()).isEqualTo(EVENTS);
    assertThat(totals.path("page_views").asLong()).isEqualTo(EVENTS / 2);
    assertThat(totals.path("clicks").asLong()).isEqualTo(EVENTS / 4);
    assertThat(totals.path("purchases").asLong()).isEqualTo(EVENTS / 4);
    assertThat(totals.path("revenue").asDouble()).isEqualTo(2.5 * EVENTS / 4);
    assertThat(assertProjectionAnswersEveryQueryOf(slug, key)).isGreaterThan(live);
  }

  /** Every built-in measure: by hour (sums and sketches), and as totals. */
  private static List<String> models(Instant start, Instant end) {
    String range = "\"range\":{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}";
    return List.of(
        "{\"measures\":[\"events\",\"page_views\",\"users\",\"p95_duration_ms\"],"
            + "\"granularity\":\"hour\","
            + range
            + "}",
        "{\"measures\":[\"top_pages\"]," + range + "}",
        "{\"measures\":[\"events\",\"page_views\",\"clicks\",\"purchases\",\"revenue\",\"users\","
            + "\"p50_duration_ms\",\"p99_duration_ms\",\"avg_duration_ms\"],"
            + range
            + "}");
  }

  /**
   * Runs each native query the control plane made for {@code slug} again, as the tenant, forced
   * onto the projection and kept off it; returns how many there were.
   */
  private static int assertProjectionAnswersEveryQueryOf(String slug, String key) {
    List<ObjectNode> queries = nativeQueriesOf(slug);
    assertThat(queries).isNotEmpty();
    DruidAs tenant = DruidAs.bearer(key);
    for (ObjectNode query : queries) {
      DruidAs.Answer projected = tenant.post("/druid/v2", withContext(query, "useProjection"));
      assertThat(projected.status()).as(projected.body() + " for " + query).isEqualTo(200);
      DruidAs.Answer base = tenant.post("/druid/v2", withContext(query, "noProjections"));
      assertThat(base.status()).as(base.body().toString()).isEqualTo(200);
      if (!query.path("aggregations").toString().contains("canopyReqMerge")) {
        // REQ merges in a different order are equally valid estimates, not equal ones.
        assertSameAnswer(projected.body(), base.body(), query.toString());
      }
    }
    return queries.size();
  }

  /** The native queries of the control plane's Druid SQL for {@code slug}, but watermarks. */
  private static List<ObjectNode> nativeQueriesOf(String slug) {
    List<ObjectNode> queries = new ArrayList<>();
    for (String line : DruidRequestLog.linesWith("\"matchValue\":\"" + slug + "\"")) {
      String last = line.substring(line.lastIndexOf('\t') + 1);
      ObjectNode query;
      try {
        query = (ObjectNode) JSON.readTree(last);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String id = query.path("context").path("sqlQueryId").asText();
      boolean planned = query.path("intervals").path("type").asText().equals("intervals");
      if (planned && id.startsWith("canopy-") && !id.contains("watermark-")) {
        queries.add(query);
      }
    }
    return queries;
  }

  /** The query on its table (Druid applies the tenant's policy again), with one flag set. */
  private static String withContext(ObjectNode logged, String flag) {
    ObjectNode query = logged.deepCopy();
    JsonNode source = query.path("dataSource");
    if (source.path("type").asText().equals("restrict")) {
      query.set("dataSource", source.path("base"));
    }
    ObjectNode context = JSON.createObjectNode();
    if (flag.equals("useProjection")) {
      context.put("useProjection", PROJECTION);
    } else {
      context.put(flag, true);
    }
    query.set("context", context);
    return query.toString();
  }

  /** Equal JSON, but for the last digits of doubles summed in a different order. */
  private static void assertSameAnswer(JsonNode a, JsonNode b, String what) {
    if (a.isNumber() && b.isNumber()) {
      double tolerance = 1e-9 * Math.max(1, Math.abs(b.asDouble()));
      assertThat(a.asDouble()).as(what).isCloseTo(b.asDouble(), offset(tolerance));
      return;
    }
    assertThat(a.getNodeType()).as(what).isEqualTo(b.getNodeType());
    assertThat(a.size()).as(what).isEqualTo(b.size());
    if (a.isArray()) {
      for (int i = 0; i < a.size(); i++) {
        assertSameAnswer(a.get(i), b.get(i), what);
      }
    } else if (a.isObject()) {
      for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        assertSameAnswer(a.get(name), b.path(name), what);
      }
    } else {
      assertThat(a).as(what).isEqualTo(b);
    }
  }
}
