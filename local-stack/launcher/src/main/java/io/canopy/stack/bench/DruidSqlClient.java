package io.canopy.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.StackException;
import io.canopy.stack.druid.DruidCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Druid SQL over HTTP as one caller, timed by the benchmark: one keep-alive client per caller. */
final class DruidSqlClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient ADMIN = HttpClient.newHttpClient();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI sqlUri;
  private final String authorization;

  private DruidSqlClient(String routerUrl, String authorization) {
    this.sqlUri = URI.create(routerUrl + "/druid/v2/sql");
    this.authorization = authorization;
  }

  static DruidSqlClient basic(String routerUrl, String user, String password) {
    String pair = user + ":" + password;
    return new DruidSqlClient(
        routerUrl,
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  static DruidSqlClient bearer(String routerUrl, String token) {
    return new DruidSqlClient(routerUrl, "Bearer " + token);
  }

  /** The rows of a query that must be answered. */
  JsonNode rows(String sql) throws IOException, InterruptedException {
    HttpResponse<String> r = send(sql);
    if (r.statusCode() != 200) {
      throw new StackException("Druid SQL answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** Milliseconds from sending a query to its last byte; the query must be answered. */
  double millis(String sql) throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<String> r = send(sql);
    double millis = (System.nanoTime() - start) / 1e6;
    if (r.statusCode() != 200) {
      throw new StackException("Druid SQL answered " + r.statusCode() + ": " + r.body());
    }
    return millis;
  }

  /** The status of one query, whatever it is; a failed connection is a 0. */
  int status(String sql) {
    try {
      return send(sql).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private HttpResponse<String> send(String sql) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(sqlUri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.createObjectNode().put("query", sql).toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A GET of the control plane's admin port (its metrics) that must answer 200. */
  static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        ADMIN.send(
            DruidCredentials.toAdminPort(HttpRequest.newBuilder(URI.create(url)))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new StackException("GET " + url + " answered " + r.statusCode());
    }
    return r.body();
  }
}
