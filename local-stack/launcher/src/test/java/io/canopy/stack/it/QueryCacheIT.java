package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query API's cache on the real stack: concurrent identical requests share one Druid query, as
 * Druid's own request log counts them.
 */
@ExtendWith(LocalStackExtension.class)
class QueryCacheIT {
  private static final Pattern QUERY_ID = Pattern.compile("\"sqlQueryId\":\"(canopy-[^\"]+)\"");

  /** The distinct Canopy query ids in the broker's request log on lines naming {@code slug}. */
  private static Set<String> druidQueriesOf(String slug) throws IOException {
    Path dir = LocalStackExtension.stack().layout().logs().resolve("druid-requests");
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        for (String line : Files.readAllLines(f)) {
          if (line.contains(slug)) {
            Matcher m = QUERY_ID.matcher(line);
            while (m.find()) {
              ids.add(m.group(1));
            }
          }
        }
      }
    }
    return ids;
  }

  @Test
  void twoHundredConcurrentIdenticalRequestsMakeOneDruidQuery() throws Exception {
    String slug = "cache-" + UUID.randomUUID().toString().substring(0, 6);
    String key = QueryApiIT.tenantWithKey(slug, "{\"queriesPerMinute\":100000}");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      events.add(Events.event("page_view", Instant.now().minusSeconds(i), "cache"));
    }
    IngestClient.Response sent =
        new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), key).post(events);
    assertThat(sent.status()).isEqualTo(200);
    Await.until(
        Duration.ofSeconds(90),
        () ->
            DruidSql.sumCount(LocalStackExtension.stack().ports().brokerUrl(), "tenant = ?", slug),
        n -> n == 25,
        "25 events in Druid");
    AdminApi api = QueryApiIT.api(key);
    // One query shape: totals of a sum over a range shorter than an hour, so one Druid query.
    String model =
        "{\"measures\":[\"page_views\"],\"range\":{\"relative\":\"last 30m\"},"
            + "\"granularity\":\"all\"}";

    ExecutorService pool = Executors.newFixedThreadPool(200);
    List<Future<JsonNode>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      answers.add(pool.submit(() -> api.call("POST", "/v1/query", model, 200)));
    }
    for (Future<JsonNode> answer : answers) {
      assertThat(answer.get().path("totals").path("values").path("page_views").asLong())
          .isEqualTo(25);
    }
    pool.shutdown();

    Set<String> ids = druidQueriesOf(slug);
    // the column lookup of the tenant's first request is one more Druid query, not a result
    assertThat(ids.stream().filter(id -> !id.startsWith("canopy-columns-")).toList()).hasSize(1);
  }
}
