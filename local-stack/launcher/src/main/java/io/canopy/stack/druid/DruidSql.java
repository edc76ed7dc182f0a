package io.canopy.stack.druid;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Druid SQL over HTTP with {@code ?} parameters (all bound as VARCHAR), for the benchmark and the
 * tests. Thread-safe.
 */
public final class DruidSql {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private DruidSql() {}

  public static List<Map<String, Object>> query(String brokerUrl, String sql, String... params) {
    List<Map<String, String>> parameters = new ArrayList<>();
    for (String p : params) {
      parameters.add(Map.of("type", "VARCHAR", "value", p));
    }
    try {
      String body = JSON.writeValueAsString(Map.of("query", sql, "parameters", parameters));
      HttpResponse<String> r =
          HTTP.send(
              DruidCredentials.apply(
                      HttpRequest.newBuilder(URI.create(brokerUrl + "/druid/v2/sql")))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      // Druid's "Object 'events' not found"; a missing column ("Column 'x' not found") stays an
      // error
      if (r.statusCode() == 400 && r.body().matches("(?s).*Object '[^']+' not found.*")) {
        throw new TableNotFoundException(r.body());
      }
      if (r.statusCode() != 200) {
        throw new IllegalStateException("Druid SQL HTTP " + r.statusCode() + ": " + r.body());
      }
      return JSON.readValue(r.body(), new TypeReference<>() {});
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code SUM("count")} of the rows a filter selects, 0 when there are none, also before the first
   * event has created the {@code events} datasource.
   */
  public static long sumCount(String brokerUrl, String where, String... params) {
    List<Map<String, Object>> rows;
    try {
      rows = query(brokerUrl, "SELECT SUM(\"count\") AS n FROM events WHERE " + where, params);
    } catch (TableNotFoundException e) {
      return 0;
    }
    Object n = rows.isEmpty() ? null : rows.get(0).get("n");
    return n == null ? 0 : ((Number) n).longValue();
  }

  /** Druid knows no table of the name: a datasource exists only once a segment of it does. */
  public static final class TableNotFoundException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    TableNotFoundException(String body) {
      super("Druid SQL HTTP 400: " + body);
    }
  }
}
