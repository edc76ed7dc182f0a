package io.canopy.stack;

import io.canopy.stack.component.Component;
import io.canopy.stack.demo.DemoStatus;
import io.canopy.stack.druid.Supervisor;
import io.canopy.stack.health.ControlPlaneHealth;
import io.canopy.stack.process.PidFile;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code bin/canopy status}: every component's process and health, then the control plane's verdict
 * on each supervisor (state, lag; a suspended or lagging one is unhealthy), each datasource's
 * handoffs and any failing control-plane check.
 */
final class StatusReport {
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
      } else if (healthy(c)) {
        state = "healthy   pid " + pid.get().pid();
      } else {
        state = "UNHEALTHY pid " + pid.get().pid() + " (see bin/canopy logs " + c.name() + ")";
        allHealthy = false;
      }
      out.printf("%-22s %s%n", c.name(), state);
    }
    out.println();
    ControlPlaneHealth health = new ControlPlaneHealth(stack.ports().controlPlaneHealthUrl());
    List<String> report = health.report();
    if (report.stream().noneMatch(line -> line.startsWith("supervisor "))) {
      out.println("supervisor " + Supervisor.EVENTS + ": " + supervisor(stack.ports()));
    }
    report.forEach(out::println);
    Optional<DemoStatus> demo = DemoStatus.of(stack, Instant.now());
    demo.ifPresent(d -> out.printf("%n%-22s %s%n", "demo", d.line()));
    return allHealthy && health.allHealthy() && demo.map(DemoStatus::healthy).orElse(true);
  }

  /**
   * A probe asked twice before a component is called unhealthy: on a busy machine the first probe
   * of a fresh JVM (Kafka's admin client above all, 3 s to answer) can time out on a healthy
   * component, and this report is read once, not polled like {@code up}'s.
   */
  private static boolean healthy(Component c) {
    return c.health().healthy() || c.health().healthy();
  }

  /** Druid's own reading, when the control plane cannot judge it. */
  private static String supervisor(StackPorts ports) {
    try {
      return Supervisor.events(ports)
          .status()
          .map(
              payload ->
                  payload.path("detailedState").asText(payload.path("state").asText("?"))
                      + ", lag "
                      + payload.path("aggregateLag").asText("?")
                      + " messages (as Druid says; no verdict without the control plane)")
          .orElse("not created yet (the control plane creates it at start)");
    } catch (java.io.IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
