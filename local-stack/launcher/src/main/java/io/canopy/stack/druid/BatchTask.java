package io.canopy.stack.druid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.StackException;
import io.canopy.stack.StackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Druid ingestion task through the Overlord's API, as the operator: submit, status, wait.
 * Thread-safe.
 */
public final class BatchTask {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String tasksUrl;
  private final String id;

  private BatchTask(StackPorts ports, String id) {
    this.tasksUrl = ports.coordinatorUrl() + "/druid/indexer/v1";
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Submits a task spec (which names its id) and returns the task. */
  public static BatchTask submit(StackPorts ports, JsonNode spec) throws IOException {
    BatchTask task = new BatchTask(ports, spec.path("id").asText());
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(task.tasksUrl + "/task"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(spec.toString())));
    if (r.statusCode() != 200) {
      throw new IOException(
          "submitting task " + task.id + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return task;
  }

  /** Running tasks of a datasource whose id starts with {@code prefix}, oldest first. */
  public static List<BatchTask> running(StackPorts ports, String datasource, String prefix)
      throws IOException {
    String url =
        ports.coordinatorUrl() + "/druid/indexer/v1/tasks?state=running&datasource=" + datasource;
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).GET());
    if (r.statusCode() != 200) {
      throw new IOException("listing tasks: HTTP " + r.statusCode() + " " + r.body());
    }
    List<BatchTask> tasks = new java.util.ArrayList<>();
    for (JsonNode t : JSON.readTree(r.body())) {
      String id = t.path("id").asText();
      if (id.startsWith(prefix)) {
        tasks.add(new BatchTask(ports, id));
      }
    }
    return tasks;
  }

  /**
   * The earliest start of an interval of {@code datasource} that a task holds a lock on (streaming
   * tasks hold the hours they write until they hand off), or null when none is locked. A batch task
   * appending into a locked hour fails.
   */
  public static Instant earliestLock(StackPorts ports, String datasource) throws IOException {
    String url = ports.coordinatorUrl() + "/druid/indexer/v1/lockedIntervals/v2";
    String body = "[{\"datasource\":\"" + datasource + "\",\"minTaskPriority\":0}]";
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    if (r.statusCode() != 200) {
      throw new IOException("listing locked intervals: HTTP " + r.statusCode() + " " + r.body());
    }
    Instant earliest = null;
    for (JsonNode interval : JSON.readTree(r.body()).path(datasource)) {
      Instant start = Instant.parse(interval.asText().split("/")[0]);
      if (earliest == null || start.isBefore(earliest)) {
        earliest = start;
      }
    }
    return earliest;
  }

  /**
   * Waits for the task to end, telling {@code progress} how long it has run every {@code every};
   * throws unless it succeeded.
   */
  public void awaitSuccess(Duration timeout, Duration every, Consumer<Duration> progress)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    long nextReport = start + every.toNanos();
    while (System.nanoTime() - start < timeout.toNanos()) {
      JsonNode status = status();
      String state = status.path("status").asText();
      if (state.equals("SUCCESS")) {
        return;
      }
      if (state.equals("FAILED")) {
        throw new StackException(
            "task "
                + id
                + " failed: "
                + status.path("errorMsg").asText("(no message)")
                + "; see bin/canopy logs druid-indexer");
      }
      if (System.nanoTime() >= nextReport) {
        progress.accept(Duration.ofNanos(System.nanoTime() - start));
        nextReport += every.toNanos();
      }
      Thread.sleep(2_000);
    }
    throw new StackException("task " + id + " did not end in " + timeout.toMinutes() + " minutes");
  }

  private JsonNode status() throws IOException {
    HttpResponse<String> r =
        send(HttpRequest.newBuilder(URI.create(tasksUrl + "/task/" + id + "/status")).GET());
    if (r.statusCode() != 200) {
      throw new IOException("status of task " + id + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body()).path("status");
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    return OperatorHttp.send(request, Duration.ofSeconds(30));
  }
}
