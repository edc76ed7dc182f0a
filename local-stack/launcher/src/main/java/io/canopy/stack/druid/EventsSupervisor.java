package io.canopy.stack.druid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.StackException;
import io.canopy.stack.StackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The {@code events} supervisor through the Overlord's API: its status, suspend and resume. */
public final class EventsSupervisor {
  public static final String ID = "events";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private final String baseUrl;

  public EventsSupervisor(StackPorts ports) {
    this.baseUrl = ports.coordinatorUrl() + "/druid/indexer/v1/supervisor/" + ID;
  }

  /** The status payload, or empty if the supervisor does not exist (yet). */
  public Optional<JsonNode> status() throws IOException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl + "/status")).GET());
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    requireOk(r, "status");
    return Optional.of(new ObjectMapper().readTree(r.body()).path("payload"));
  }

  /**
   * Waits until the supervisor is {@code RUNNING} (its task started): only then do events flow.
   *
   * @return seconds waited
   */
  public double awaitRunning(Duration timeout) {
    long start = System.nanoTime();
    String last = "not created";
    while (System.nanoTime() - start < timeout.toNanos()) {
      try {
        Optional<JsonNode> status = status();
        last = status.map(s -> s.path("state").asText()).orElse("not created");
        if (last.equals("RUNNING")) {
          return (System.nanoTime() - start) / 1e9;
        }
      } catch (IOException e) {
        last = e.getMessage();
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new StackException(
        "supervisor "
            + ID
            + " not RUNNING after "
            + timeout.toSeconds()
            + " s (last: "
            + last
            + "); see bin/canopy logs druid-coordinator and druid-indexer");
  }

  public void suspend() throws IOException {
    requireOk(post("/suspend"), "suspend");
  }

  public void resume() throws IOException {
    requireOk(post("/resume"), "resume");
  }

  private HttpResponse<String> post(String action) throws IOException {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + action))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void requireOk(HttpResponse<String> r, String what) throws IOException {
    if (r.statusCode() != 200) {
      throw new IOException(
          what + " of supervisor " + ID + ": HTTP " + r.statusCode() + " " + r.body());
    }
  }
}
