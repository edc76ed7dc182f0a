package io.canopy.stack.demo;

import io.canopy.stack.Stack;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.process.PidFile;
import io.canopy.stack.process.ProcessSpec;
import io.canopy.stack.process.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/canopy up --demo}: a detached process ({@code run/demo.pid}, log {@code demo}) that
 * sends synthetic traffic as a tenant ({@link DemoRun}: six hours back-filled, then live, up to
 * {@value DemoSlots#PEAK_PER_SECOND} events/s on a daily curve) until {@code bin/canopy down} stops
 * it, and writes how far it is to {@code data/demo/state.json} ({@link DemoState}) for {@code
 * bin/canopy status}.
 */
public final class DemoTraffic {
  private DemoTraffic() {}

  /** Where a stack's demo generator writes its state. */
  public static Path stateFile(Stack stack) {
    return stack.layout().data("demo").resolve("state.json");
  }

  /**
   * Starts the generator as its own process, unless one runs already.
   *
   * @param apiKeyFile the key to send with: {@code up --demo} uses the default tenant's
   * @return the new process, or empty if one was running
   */
  public static Optional<PidFile> startDetached(Stack stack, Path apiKeyFile) {
    Path pidFile = stack.pidFile("demo");
    if (PidFile.read(pidFile).flatMap(PidFile::liveProcess).isPresent()) {
      return Optional.empty();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    return Optional.of(
        Processes.start(
            new ProcessSpec(
                List.of(
                    java,
                    "-Xmx128m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    DemoTraffic.class.getName(),
                    stack.ports().controlPlaneUrl(),
                    apiKeyFile.toString(),
                    stateFile(stack).toString()),
                stack.layout().data("demo"),
                Map.of(),
                stack.layout().log("demo")),
            pidFile));
  }

  /** {@code <control plane URL> <API key file> <state file>}; exit 1 if it gave up. */
  public static void main(String[] args) throws Exception {
    IngestClient client = new IngestClient(args[0], Files.readString(Path.of(args[1])).trim());
    Path stateFile = Path.of(args[2]);
    DemoRun run =
        new DemoRun(
            client::post,
            Clock.systemUTC(),
            DemoRun.Sleeper.REAL,
            Instant.now(),
            ProcessHandle.current().pid(),
            state -> state.write(stateFile),
            System.out);
    CountDownLatch ended = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  run.stop();
                  try {
                    // the batch in flight, then the last state (bin/canopy down waits 45 s)
                    ended.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "demo-stop"));
    try {
      run.run();
    } catch (BatchSender.GaveUp e) {
      ended.countDown();
      System.exit(1);
    }
    ended.countDown();
  }
}
