package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.stack.Stack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code bin/canopy} itself, run as a user would, against the integration tests' stack. */
@ExtendWith(LocalStackExtension.class)
class CanopyCliIT {

  private record Run(int exit, String output) {}

  private static Run canopy(String... args) throws Exception {
    Stack stack = LocalStackExtension.stack();
    Path home = stack.layout().home();
    List<String> command =
        new java.util.ArrayList<>(List.of(home.resolve("bin/canopy").toString()));
    command.addAll(List.of(args));
    // Output goes to a file, so the timeout below bounds the run (reading a pipe to its end
    // would wait for the command however long it took).
    Path output = Files.createTempFile("canopy-cli-it", ".out");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      pb.environment().put("CANOPY_DATA_DIR", stack.layout().root().toString());
      Process p = pb.start();
      boolean finished = p.waitFor(60, TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly().waitFor();
      }
      String out = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(finished)
          .as("bin/canopy %s ended within 60 s; it printed:%n%s", String.join(" ", args), out)
          .isTrue();
      return new Run(p.exitValue(), out);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  @Test
  void envPrintsExportLinesForTheRunningStack() throws Exception {
    Run env = canopy("env");

    assertThat(env.exit()).isZero();
    int offset = LocalStackExtension.PORT_OFFSET;
    assertThat(env.output())
        .contains("export CANOPY_URL=http://127.0.0.1:" + (8080 + offset))
        .contains("export CANOPY_API_KEY=" + LocalStackExtension.apiKey())
        .contains("export DRUID_ROUTER_URL=http://127.0.0.1:" + (8888 + offset))
        .contains("export DRUID_BROKER_URL=http://127.0.0.1:" + (8082 + offset))
        .contains(
            "export AVATICA_JDBC_URL='jdbc:avatica:remote:url=http://127.0.0.1:" + (8888 + offset))
        .contains("export KAFKA_BOOTSTRAP=127.0.0.1:" + (9092 + offset));
  }

  @Test
  void statusReportsEveryComponentHealthyAndTheSupervisor() throws Exception {
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
    assertThat(status.output()).contains("supervisor events: state RUNNING");
  }

  @Test
  void logsShowsAComponentsLogAndUnknownCommandsAreUsageErrors() throws Exception {
    canopy("status"); // probes the control plane's health check, which its request log records
    Run logs = canopy("logs", "control-plane");
    Run unknown = canopy("frobnicate");

    assertThat(logs.exit()).isZero();
    assertThat(logs.output()).contains("GET /healthcheck");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.output()).contains("usage: bin/canopy");
  }
}
