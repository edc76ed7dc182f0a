package io.canopy.stack;

import io.canopy.stack.bench.Benchmarks;
import io.canopy.stack.chaos.FaultSuite;
import io.canopy.stack.cli.CommandLine;
import io.canopy.stack.cli.Invocation;
import io.canopy.stack.cli.Usage;
import io.canopy.stack.cli.UsageException;
import io.canopy.stack.demo.DemoTraffic;
import io.canopy.stack.druid.DruidCredentials;
import io.canopy.stack.druid.DruidSql;
import io.canopy.stack.druid.Supervisor;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The program behind {@code bin/canopy}: {@code up [--demo] [--clean]}, {@code down}, {@code
 * status}, {@code logs}, {@code env}, {@code bench}, {@code chaos}, {@code help} (the grammar is
 * {@link CommandLine}'s, the texts {@link Usage}'s). Exit code 0 on success and for {@code --help},
 * 1 on a failure it explains, 2 on a usage error (the message and the usage on stderr).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  private static int run(List<String> args, PrintStream out, PrintStream err) {
    try {
      CommandLine.Parsed parsed = CommandLine.parse(args);
      if (parsed instanceof CommandLine.Help help) {
        out.print(Usage.of(help.command().orElse(null)));
        return 0;
      }
      return execute(((CommandLine.Run) parsed).invocation(), out);
    } catch (UsageException e) {
      err.println("canopy: " + e.getMessage());
      err.print(Usage.of(e.command().orElse(null)));
      return 2;
    } catch (StackException e) {
      err.println("canopy: " + e.getMessage());
      return 1;
    }
  }

  private static int execute(Invocation command, PrintStream out) {
    Path home = Path.of(System.getProperty("canopy.home", "."));
    Path root = Path.of(System.getProperty("canopy.dataDir", home.resolve(".canopy").toString()));
    StackLayout layout = StackLayout.of(home, root);
    // Every command that calls Druid itself (status, bench, chaos) does so as the operator.
    DruidCredentials.useOperatorOf(new Secrets(layout.secrets()));
    return switch (command.command()) {
      case "up" -> up(layout, command, out);
      case "down" -> {
        new Stack(layout, StackPorts.load(layout.run()), out).down();
        out.println("Canopy is stopped. Data is kept in " + layout.root());
        yield 0;
      }
      case "status" ->
          StatusReport.print(new Stack(layout, StackPorts.load(layout.run()), out), out) ? 0 : 1;
      case "logs" -> logs(layout, command);
      case "env" -> env(layout, out);
      case "bench" -> Benchmarks.run(layout, StackPorts.load(layout.run()), command, out);
      case "chaos" -> chaos(layout, command, out);
      default -> throw new IllegalStateException("no code for command " + command.command());
    };
  }

  private static int up(StackLayout layout, Invocation command, PrintStream out) {
    layout.requireBuilt();
    StackPorts ports = new StackPorts(Integer.getInteger("canopy.portOffset", 0));
    Stack stack = new Stack(layout, ports, out);
    if (command.flag("--clean")) {
      stack.clean();
      out.println("Removed the previous stack's data under " + layout.root());
    }
    out.println("Starting Canopy (data and logs under " + layout.root() + ")");
    double seconds = stack.up();
    double waited = Supervisor.events(ports).awaitRunning(Duration.ofMinutes(3));
    out.printf("%-22s … running in %.1f s more%n", "supervisor events", waited);
    out.printf("%nAll healthy in %.1f s.%n", seconds + waited);
    if (command.flag("--demo")) {
      out.println(
          DemoTraffic.startDetached(stack, layout.defaultApiKeyFile()).isPresent()
              ? "Demo traffic started: live now, the six hours before back-filled within about"
                  + " two minutes (bin/canopy status shows how far; bin/canopy logs demo). It"
                  + " stops with bin/canopy down."
              : "Demo traffic is already running (bin/canopy status).");
      awaitQueryable(ports, out);
    }
    out.println();
    out.println("  Control plane API   " + ports.controlPlaneUrl() + "  (POST /v1/events)");
    out.println("  Druid router        " + ports.routerUrl() + "  (SQL: POST /druid/v2/sql)");
    out.println("  Druid broker        " + ports.brokerUrl());
    out.println("  Avatica JDBC        " + ports.avaticaUrl());
    out.println("  Kafka bootstrap     " + ports.kafkaBootstrap());
    out.println("  PostgreSQL          127.0.0.1:" + ports.postgres() + " (control plane state)");
    out.println();
    out.println(
        "Talk to it:  eval \"$(bin/canopy env)\"   Health: bin/canopy status   Stop: bin/canopy down");
    return 0;
  }

  /**
   * Waits until Druid SQL knows the {@code events} table, so the README's first query, pasted right
   * after {@code up --demo}, answers rows: Druid knows a datasource only some seconds after its
   * first segment (12 to 21 s after "All healthy" on a fresh stack).
   */
  private static void awaitQueryable(StackPorts ports, PrintStream out) {
    long start = System.nanoTime();
    long deadline = start + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        DruidSql.query(ports.brokerUrl(), "SELECT COUNT(*) AS n FROM events WHERE __time > 0");
        out.printf(
            "%-22s … queryable in %.1f s more%n", "demo events", (System.nanoTime() - start) / 1e9);
        return;
      } catch (RuntimeException e) { // not known yet (a 400), or the broker still starting
        sleep(Duration.ofMillis(500));
      }
    }
    out.println("The demo's events are not queryable yet; bin/canopy status shows the demo.");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while waiting for the demo's events");
    }
  }

  private static int env(StackLayout layout, PrintStream out) {
    StackPorts ports = StackPorts.load(layout.run());
    String key;
    try {
      key = Files.readString(layout.defaultApiKeyFile()).trim();
    } catch (java.io.IOException e) {
      throw new StackException(
          "No default API key yet at " + layout.defaultApiKeyFile() + ": run bin/canopy up first.");
    }
    out.println("export CANOPY_URL=" + ports.controlPlaneUrl());
    out.println("export CANOPY_ADMIN_URL=http://127.0.0.1:" + ports.controlPlaneAdmin());
    out.println("export CANOPY_API_KEY=" + key);
    String operatorToken = new Secrets(layout.secrets()).operatorToken();
    out.println("export CANOPY_OPERATOR_TOKEN=" + operatorToken);
    // Druid knows the operator as operator:<operator token> (HTTP Basic, or JDBC user/password).
    out.println("export DRUID_OPERATOR_USER=" + DruidCredentials.OPERATOR_USER);
    out.println("export DRUID_OPERATOR_PASSWORD=" + operatorToken);
    out.println("export DRUID_ROUTER_URL=" + ports.routerUrl());
    out.println("export DRUID_BROKER_URL=" + ports.brokerUrl());
    out.println("export AVATICA_JDBC_URL='" + ports.avaticaUrl() + "'");
    out.println("export KAFKA_BOOTSTRAP=" + ports.kafkaBootstrap());
    // Kafka's own tools (kafka-topics, kafka-acls, console clients) run from the stack's jars,
    // logged in as the admin from a 0600 file.
    out.println("export KAFKA_CLIENT_CONFIG=" + KafkaClients.adminConfigFile(layout));
    out.println("export KAFKA_CLASSPATH='" + layout.kafkaLib().resolve("*") + "'");
    return 0;
  }

  /** {@code chaos [--faults a,b,...] [--rate batches/s]}: the fault suite; 1 if any was inexact. */
  private static int chaos(StackLayout layout, Invocation command, PrintStream out) {
    List<String> faults =
        command.values().containsKey("--faults")
            ? List.of(command.string("--faults", "").split(","))
            : FaultSuite.ALL;
    for (String f : faults) {
      if (!FaultSuite.ALL.contains(f)) {
        throw new UsageException("chaos", "unknown fault '" + f + "'");
      }
    }
    int rate = command.integer("--rate", 10);
    try {
      List<FaultSuite.Result> results =
          new FaultSuite(new Stack(layout, StackPorts.load(layout.run()), out), out)
              .run(faults, rate);
      out.println();
      out.println(
          "| fault | batches acknowledged so far | lost | duplicated | stored unacknowledged | until queryable again |");
      out.println("|---|---|---|---|---|---|");
      for (FaultSuite.Result x : results) {
        out.printf(
            "| %s | %d | %d | %d | %d | %.1f s |%n",
            x.fault(),
            x.acknowledged(),
            x.lost(),
            x.duplicated(),
            x.unacknowledgedStored(),
            x.recoverySeconds());
      }
      return results.stream().allMatch(FaultSuite.Result::exact) ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (StackException e) {
      throw e;
    } catch (Exception e) {
      throw new StackException("fault suite failed: " + e.getMessage(), e);
    }
  }

  /** {@code logs <component> [-f]}: the last 200 lines of its log, or follows it. */
  private static int logs(StackLayout layout, Invocation command) {
    String component = command.arguments().get(0);
    Path log = layout.log(component);
    if (!component.matches("[a-z0-9-]+") || !Files.isRegularFile(log)) {
      throw new UsageException(
          "logs", "no log for '" + component + "'; components with logs: " + logged(layout));
    }
    List<String> tail =
        command.flag("-f")
            ? List.of("tail", "-n", "100", "-F", log.toString())
            : List.of("tail", "-n", "200", log.toString());
    try {
      return new ProcessBuilder(tail).inheritIO().start().waitFor();
    } catch (java.io.IOException e) {
      throw new StackException("cannot run tail: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  private static String logged(StackLayout layout) {
    try (var files = Files.list(layout.logs())) {
      return String.join(
          " ",
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".log"))
              .map(n -> n.substring(0, n.length() - 4))
              .sorted()
              .toList());
    } catch (java.io.IOException e) {
      return "none yet";
    }
  }
}
