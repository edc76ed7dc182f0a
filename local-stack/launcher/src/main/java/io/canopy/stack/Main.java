package io.canopy.stack;

import io.canopy.stack.bench.Benchmarks;
import io.canopy.stack.chaos.FaultSuite;
import io.canopy.stack.demo.DemoTraffic;
import io.canopy.stack.druid.DruidCredentials;
import io.canopy.stack.druid.Supervisor;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The program behind {@code bin/canopy}: {@code up [--demo] [--clean]}, {@code down}, {@code
 * status}, {@code env}, {@code bench}. Exit code 0 on success, 1 on a failure it explains, 2 on a
 * usage error.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    List<String> argv = new ArrayList<>(List.of(args));
    if (argv.isEmpty()) {
      usage(out);
      System.exit(2);
    }
    String command = argv.remove(0);
    Path home = Path.of(System.getProperty("canopy.home", "."));
    Path root = Path.of(System.getProperty("canopy.dataDir", home.resolve(".canopy").toString()));
    StackLayout layout = StackLayout.of(home, root);
    // Every command that calls Druid itself (status, bench, chaos) does so as the operator.
    DruidCredentials.useOperatorOf(new Secrets(layout.secrets()));
    try {
      int code =
          switch (command) {
            case "up" -> up(layout, argv, out);
            case "down" -> {
              new Stack(layout, StackPorts.load(layout.run()), out).down();
              out.println("Canopy is stopped. Data is kept in " + layout.root());
              yield 0;
            }
            case "status" ->
                StatusReport.print(new Stack(layout, StackPorts.load(layout.run()), out), out)
                    ? 0
                    : 1;
            case "env" -> env(layout, out);
            case "bench" -> Benchmarks.run(layout, StackPorts.load(layout.run()), argv, out);
            case "chaos" -> chaos(layout, argv, out);
            default -> {
              usage(out);
              yield 2;
            }
          };
      System.exit(code);
    } catch (StackException e) {
      System.err.println("canopy: " + e.getMessage());
      System.exit(1);
    }
  }

  private static int up(StackLayout layout, List<String> flags, PrintStream out) {
    for (String f : flags) {
      if (!List.of("--demo", "--clean").contains(f)) {
        throw new StackException("Unknown option for up: " + f + " (use --demo, --clean)");
      }
    }
    layout.requireBuilt();
    StackPorts ports = new StackPorts(Integer.getInteger("canopy.portOffset", 0));
    Stack stack = new Stack(layout, ports, out);
    if (flags.contains("--clean")) {
      stack.clean();
      out.println("Removed the previous stack's data under " + layout.root());
    }
    out.println("Starting Canopy (data and logs under " + layout.root() + ")");
    double seconds = stack.up();
    double waited = Supervisor.events(ports).awaitRunning(Duration.ofMinutes(3));
    out.printf("%-22s … running in %.1f s more%n", "supervisor events", waited);
    out.printf("%nAll healthy in %.1f s.%n", seconds + waited);
    if (flags.contains("--demo")) {
      DemoTraffic.startDetached(stack);
      out.println("Demo traffic is running (bin/canopy logs demo). It stops with bin/canopy down.");
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
    return 0;
  }

  /** {@code chaos [--faults a,b,...] [--rate batches/s]}: the fault suite; 1 if any was inexact. */
  private static int chaos(StackLayout layout, List<String> args, PrintStream out) {
    int i = args.indexOf("--faults");
    List<String> faults =
        i >= 0 && i + 1 < args.size() ? List.of(args.get(i + 1).split(",")) : FaultSuite.ALL;
    int r = args.indexOf("--rate");
    int rate = r >= 0 && r + 1 < args.size() ? Integer.parseInt(args.get(r + 1)) : 10;
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

  private static void usage(PrintStream out) {
    out.println(
        """
        usage: bin/canopy <command>
          up [--demo] [--clean]   build what is missing, start the stack, wait until all healthy
                                  --demo: also run a synthetic traffic generator
                                  --clean: delete the previous stack's data first
          down                    stop everything up started (data is kept)
          status                  health of every component, supervisor state and lag
          logs <component> [-f]   show a component's log
          env                     export lines: eval "$(bin/canopy env)"
          bench [--only latency|throughput|pii|capacity|security|query]
                                  benchmarks against the running stack (docs/benchmarks.md);
                                  query loads a 50 M-event history once (--load-only to stop there)
          chaos [--faults a,b] [--rate n]
                                  the fault suite against the running stack: kill -9 and
                                  restart components one at a time under steady load, then
                                  check stored == acknowledged, batch by batch""");
  }
}
