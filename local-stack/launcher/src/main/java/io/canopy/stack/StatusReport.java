package io.canopy.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.component.Component;
import io.canopy.stack.process.PidFile;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code bin/canopy status}: every component's process and health, then the supervisor. */
final class StatusReport {
  static final String DATASOURCE = "events";

  private StatusReport() {}

  /** Prints the report; returns true if every component is running and healthy. */
  static boolean print(Stack stack, PrintStream out) {
    boolean allHealthy = true;
    for (Component c : stack.components()) {
      var pid = PidFile.read(stack.pidFile(c.name())).flatMap(PidFile::liveProcess);
      String state;
      if (pid.isEmpty()) {
        state = "stopped";
        allHealthy = false;
      } else if (c.health().healthy()) {
        state = "healthy   pid " + pid.get().pid();
      } else {
        state = "UNHEALTHY pid " + pid.get().pid() + " (see bin/canopy logs " + c.name() + ")";
        allHealthy = false;
      }
      out.printf("%-22s %s%n", c.name(), state);
    }
    out.println();
    out.println("supervisor " + DATASOURCE + ": " + supervisor(stack.ports()));
    return allHealthy;
  }

  private static String supervisor(StackPorts ports) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              ports.coordinatorUrl()
                                  + "/druid/indexer/v1/supervisor/"
                                  + DATASOURCE
                                  + "/status"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 404) {
        return "not created yet (the control plane creates it at start)";
      }
      if (r.statusCode() != 200) {
        return "unknown (overlord answered HTTP " + r.statusCode() + ")";
      }
      JsonNode payload = new ObjectMapper().readTree(r.body()).path("payload");
      return "state "
          + payload.path("detailedState").asText(payload.path("state").asText("?"))
          + ", lag "
          + payload.path("aggregateLag").asText("?")
          + " messages, healthy "
          + payload.path("healthy").asText("?");
    } catch (Exception e) {
      return "unknown (overlord not reachable)";
    }
  }
}
