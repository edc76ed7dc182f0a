package io.canopy.stack.druid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.StackException;
import io.canopy.stack.StackPorts;
import io.canopy.stack.process.Restoration;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A Druid supervisor through the Overlord's API: create, status, row stats, early handoff, suspend,
 * resume, terminate. Thread-safe.
 */
public final class Supervisor {
  public static final String EVENTS = "events";

  private final String id;
  private final String overlordUrl;
  private final String baseUrl;

  public Supervisor(StackPorts ports, String id) {
    this.id = id;
    this.overlordUrl = ports.coordinatorUrl() + "/druid/indexer/v1/supervisor";
    this.baseUrl = overlordUrl + "/" + id;
  }

  /** The pooled {@code events} supervisor the control plane provisions. */
  public static Supervisor events(StackPorts ports) {
    return new Supervisor(ports, EVENTS);
  }

  /** Creates (or replaces) the supervisor from a spec. */
  public void create(String specJson) throws IOException {
    requireOk(
        send(
            HttpRequest.newBuilder(URI.create(overlordUrl))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(specJson))),
        "create");
  }

  /** Rows its running tasks have processed so far (live from the tasks, unlike the status). */
  public long processedRows() throws IOException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl + "/stats")).GET());
    requireOk(r, "stats");
    long processed = 0;
    for (JsonNode group : new ObjectMapper().readTree(r.body())) {
      for (JsonNode task : group) {
        processed += task.path("totals").path("buildSegments").path("processed").asLong();
      }
    }
    return processed;
  }

  public void terminate() throws IOException {
    requireOk(action("/terminate"), "terminate");
  }

  /** The spec Druid runs the supervisor from, as Druid returns it. */
  public JsonNode spec() throws IOException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl)).GET());
    requireOk(r, "spec");
    return new ObjectMapper().readTree(r.body());
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
   * Waits until the supervisor is {@code RUNNING} (its task started): only then do events flow. A
   * suspended one fails at once: it will not run by itself.
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
        if (last.equals("SUSPENDED")) {
          throw new StackException(
              "supervisor "
                  + id
                  + " is suspended, so nothing is ingested (a benchmark killed with kill -9?)."
                  + " Resume it, after eval \"$(bin/canopy env)\": curl -X POST -u \"$DRUID_OPERATOR_USER:$DRUID_OPERATOR_PASSWORD\" "
                  + baseUrl
                  + "/resume");
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
            + id
            + " not RUNNING after "
            + timeout.toSeconds()
            + " s (last: "
            + last
            + "); see bin/canopy logs druid-coordinator and druid-indexer");
  }

  /**
   * Asks the supervisor's running task groups to hand their segments off now instead of at the end
   * of their task duration (Druid's {@code taskGroups/handoff}); returns at once.
   */
  public void handoff(int... taskGroupIds) throws IOException {
    StringBuilder ids = new StringBuilder();
    for (int id : taskGroupIds) {
      ids.append(ids.length() == 0 ? "" : ",").append(id);
    }
    requireOk(
        send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/taskGroups/handoff"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"taskGroupIds\":[" + ids + "]}"))),
        "handoff");
  }

  public void suspend() throws IOException {
    requireOk(action("/suspend"), "suspend");
  }

  /**
   * Suspends the supervisor until the answer is closed: it is resumed then, or when the command is
   * interrupted first (see {@link Restoration}).
   *
   * @param log where an interrupted command reports the resume
   */
  public Restoration suspendUntilClosed(PrintStream log) throws IOException {
    return armed(Restoration.arm("resume supervisor " + id, this::resume, log), this::suspend);
  }

  /**
   * Creates the supervisor from a spec until the answer is closed: it is terminated then, or when
   * the command is interrupted first, so it never keeps a task slot after the command.
   */
  public Restoration createUntilClosed(String specJson, PrintStream log) throws IOException {
    return armed(
        Restoration.arm("terminate supervisor " + id, this::terminate, log),
        () -> create(specJson));
  }

  private interface Change {
    void make() throws IOException;
  }

  /** Makes a change whose undo is armed; if making it fails, undoes what may have been done. */
  private static Restoration armed(Restoration undo, Change change) throws IOException {
    try {
      change.make();
      return undo;
    } catch (IOException | RuntimeException e) {
      try {
        undo.close();
      } catch (IllegalStateException undoFailed) {
        e.addSuppressed(undoFailed);
      }
      throw e;
    }
  }

  public void resume() throws IOException {
    requireOk(action("/resume"), "resume");
  }

  private HttpResponse<String> action(String action) throws IOException {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + action))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    return OperatorHttp.send(request, Duration.ofSeconds(10));
  }

  private void requireOk(HttpResponse<String> r, String what) throws IOException {
    if (r.statusCode() != 200) {
      throw new IOException(
          what + " of supervisor " + id + ": HTTP " + r.statusCode() + " " + r.body());
    }
  }
}
