package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.stack.KafkaClients;
import io.canopy.stack.Stack;
import io.canopy.stack.druid.Supervisor;
import io.canopy.stack.health.ControlPlaneHealth;
import io.canopy.stack.process.Restoration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code bin/canopy} itself, run as a user would, against the integration tests' stack. */
@ExtendWith(LocalStackExtension.class)
class CanopyCliIT {

  record Run(int exit, String output, String errors) {}

  /** Starts {@code bin/canopy args}, its stdout and stderr into two files. */
  static Process start(Path out, Path err, String... args) throws Exception {
    Stack stack = LocalStackExtension.stack();
    List<String> command = new ArrayList<>(List.of(stack.layout().home() + "/bin/canopy"));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("CANOPY_DATA_DIR", stack.layout().root().toString());
    return pb.start();
  }

  static Run canopy(String... args) throws Exception {
    // Output goes to files, so the timeout below bounds the run (reading a pipe to its end
    // would wait for the command however long it took).
    Path out = Files.createTempFile("canopy-cli-it", ".out");
    Path err = Files.createTempFile("canopy-cli-it", ".err");
    try {
      Process p = start(out, err, args);
      boolean finished = p.waitFor(60, TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly().waitFor();
      }
      Run run =
          new Run(
              finished ? p.exitValue() : -1,
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      assertThat(finished)
          .as("bin/canopy %s ended within 60 s; it printed:%n%s", String.join(" ", args), run)
          .isTrue();
      return run;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Test
  void envPrintsExportLinesForTheRunningStack() throws Exception {
    Run env = canopy("env");

    assertThat(env.exit()).isZero();
    int offset = LocalStackExtension.PORT_OFFSET;
    assertThat(env.output())
        .contains("export CANOPY_URL=http://127.0.0.1:" + (8080 + offset))
        .contains("export CANOPY_ADMIN_URL=http://127.0.0.1:" + (8079 + offset))
        .contains("export CANOPY_API_KEY=" + LocalStackExtension.apiKey())
        .contains("export DRUID_ROUTER_URL=http://127.0.0.1:" + (8888 + offset))
        .contains("export DRUID_BROKER_URL=http://127.0.0.1:" + (8082 + offset))
        .contains(
            "export AVATICA_JDBC_URL='jdbc:avatica:remote:url=http://127.0.0.1:" + (8888 + offset))
        .contains("export KAFKA_BOOTSTRAP=127.0.0.1:" + (9092 + offset))
        .contains(
            "export KAFKA_CLIENT_CONFIG="
                + KafkaClients.adminConfigFile(LocalStackExtension.stack().layout()));
  }

  @Test
  void statusReportsEveryComponentHealthyAndTheSupervisor() throws Exception {
    // Other tests suspend, resume and restart the supervisor; once Druid says it reads again,
    // status must say so too.
    Supervisor.events(LocalStackExtension.stack().ports()).awaitRunning(Duration.ofMinutes(3));
    Run status = canopy("status");

    assertThat(status.exit()).as(status.output()).isZero();
    for (String c :
        List.of(
            "zookeeper",
            "kafka",
            "postgres",
            "druid-coordinator",
            "druid-broker",
            "druid-router",
            "druid-indexer",
            "druid-historical-hot",
            "druid-historical",
            "control-plane")) {
      assertThat(status.output()).containsPattern("(?m)^" + c + "\\s+healthy");
    }
    assertThat(status.output()).containsPattern("(?m)^supervisor events: RUNNING, lag \\d+");
  }

  @Test
  void logsShowsAComponentsLogAndUnknownCommandsAreUsageErrors() throws Exception {
    canopy("status"); // probes the control plane's health check, which its request log records
    Run logs = canopy("logs", "control-plane");
    Run unknown = canopy("frobnicate");

    assertThat(logs.exit()).isZero();
    assertThat(logs.output()).contains("GET /healthcheck");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.output()).isEmpty();
    assertThat(unknown.errors())
        .startsWith("canopy: unknown command 'frobnicate'\nusage: bin/canopy <command>");
  }

  @Test
  void everyCommandTakesHelpAndRunsNothing() throws Exception {
    List<String> running = LocalStackExtension.stack().running();
    for (String command : List.of("up", "down", "status", "logs", "env", "bench", "chaos")) {
      Run help = canopy(command, "--help");

      assertThat(help.exit()).as(command + " --help: %s", help).isZero();
      assertThat(help.output()).startsWith("usage: bin/canopy " + command);
      assertThat(help.errors()).isEmpty();
    }
    Run bench = canopy("bench", "--only", "pii", "-h");
    assertThat(bench.output()).startsWith("usage: bin/canopy bench").doesNotContain("Machine:");
    assertThat(canopy("down", "--help").exit()).isZero();
    assertThat(LocalStackExtension.stack().running())
        .as("down --help stopped nothing")
        .isEqualTo(running);
  }

  @Test
  void anUnknownOptionOrABadValueIsAUsageErrorNeverARun() throws Exception {
    Run typo = canopy("bench", "--onyl", "latency");
    Run badValue = canopy("bench", "--probes", "many");
    Run upTypo = canopy("up", "--demo", "--clena");

    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.output()).isEmpty();
    assertThat(typo.errors())
        .startsWith("canopy: unknown option --onyl for bench\nusage: bin/canopy bench");
    assertThat(badValue.exit()).isEqualTo(2);
    assertThat(badValue.output()).isEmpty();
    assertThat(badValue.errors())
        .startsWith("canopy: --probes takes a positive whole number, not 'many'");
    assertThat(upTypo.exit()).isEqualTo(2);
    assertThat(upTypo.errors()).startsWith("canopy: unknown option --clena for up");
  }

  @Test
  @SuppressWarnings("try") // the resource resumes the supervisor when the block ends
  void aSuspendedSupervisorIsUnhealthyInStatusAndTheHealthCheckUntilResumed() throws Exception {
    Stack stack = LocalStackExtension.stack();
    ControlPlaneHealth health = new ControlPlaneHealth(stack.ports().controlPlaneHealthUrl());
    Run suspended;
    boolean healthWhileSuspended;
    try (Restoration resume = Supervisor.events(stack.ports()).suspendUntilClosed(System.err)) {
      suspended = canopy("status");
      healthWhileSuspended = health.allHealthy();
    }

    assertThat(suspended.exit()).as(suspended.output()).isEqualTo(1);
    assertThat(suspended.output())
        .contains("supervisor events: SUSPENDED; UNHEALTHY: nothing is ingested")
        .contains("UNHEALTHY check ingestion: supervisor events: SUSPENDED");
    assertThat(healthWhileSuspended).isFalse();
    Run resumed =
        Await.until(
            Duration.ofMinutes(2),
            () -> {
              try {
                return canopy("status");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            run -> run.exit() == 0,
            "bin/canopy status healthy again once the supervisor is resumed");
    assertThat(resumed.output()).doesNotContain("UNHEALTHY");
    assertThat(health.allHealthy()).isTrue();
    // Left as found: the supervisor reading again, not just resumed (PENDING while its task
    // starts).
    Supervisor.events(stack.ports()).awaitRunning(Duration.ofMinutes(3));
  }

  @Test
  void anInterruptedBenchmarkResumesTheSupervisorItSuspendedAndEndsItsOwn() throws Exception {
    Stack stack = LocalStackExtension.stack();
    Path out = Files.createTempFile("canopy-bench-it", ".out");
    Path err = Files.createTempFile("canopy-bench-it", ".err");
    // The pii run suspends the events supervisor, then reads its events with one of its own.
    Process bench =
        start(out, err, "bench", "--only", "pii", "--events", "200000", "--rounds", "1");
    String own =
        Await.until(
                Duration.ofMinutes(3),
                () -> supervisors().stream().filter(id -> id.startsWith("bench_")).findFirst(),
                Optional::isPresent,
                "the benchmark's own supervisor")
            .orElseThrow();
    // Suspending replaces Druid's supervisor with a new one, PENDING until its first run.
    Await.until(
        Duration.ofMinutes(1),
        () -> {
          try {
            return eventsStatus(stack).path("state").asText();
          } catch (Exception e) {
            throw new IllegalStateException(e); // retried until the minute is over
          }
        },
        "SUSPENDED"::equals,
        "the events supervisor suspended during the run");

    bench.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM's shutdown hooks run

    assertThat(bench.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String errors = Files.readString(err);
    assertThat(errors)
        .contains("canopy: interrupted; restored: resume supervisor events")
        .contains("canopy: interrupted; restored: terminate supervisor " + own);
    assertThat(eventsStatus(stack).path("suspended").asBoolean()).isFalse();
    assertThat(supervisors()).doesNotContain(own);
    Supervisor.events(stack.ports()).awaitRunning(Duration.ofMinutes(3)); // left as found
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
  }

  private static List<String> supervisors() {
    List<String> ids = new ArrayList<>();
    AdminApi.druid(LocalStackExtension.stack().ports().coordinatorUrl())
        .call("GET", "/druid/indexer/v1/supervisor", null, 200)
        .forEach(id -> ids.add(id.asText()));
    return ids;
  }

  private static JsonNode eventsStatus(Stack stack) throws Exception {
    return Supervisor.events(stack.ports()).status().orElseThrow();
  }
}
