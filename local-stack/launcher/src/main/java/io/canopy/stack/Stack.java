package io.canopy.stack;

import io.canopy.stack.component.Component;
import io.canopy.stack.component.StackComponents;
import io.canopy.stack.druid.DruidCredentials;
import io.canopy.stack.process.PidFile;
import io.canopy.stack.process.ProcessSpec;
import io.canopy.stack.process.Processes;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts and stops the local stack.
 *
 * <p>{@link #up()} starts every component as soon as what it depends on is healthy, so independent
 * parts start in parallel; it prints one line per component as it becomes healthy and, if one fails
 * or times out, prints that component's last log lines, stops everything it started and throws.
 * {@link #down()} stops, by pid file, exactly the processes an {@code up} started, also when the
 * launcher that started them crashed. Thread-safety: one {@code Stack} per command; not shared.
 */
public final class Stack {
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_GRACE = Duration.ofSeconds(45);

  private final StackLayout layout;
  private final StackPorts ports;
  private final PrintStream out;
  private final List<Component> components;

  /** The local stack's components ({@link StackComponents#all}). */
  public Stack(StackLayout layout, StackPorts ports, PrintStream out) {
    this(layout, ports, out, StackComponents.all(layout, ports, new Secrets(layout.secrets())));
    DruidCredentials.useOperatorOf(new Secrets(layout.secrets()));
  }

  /** Any components, in an order where each follows what it depends on. */
  public Stack(StackLayout layout, StackPorts ports, PrintStream out, List<Component> components) {
    this.layout = layout;
    this.ports = ports;
    this.out = out;
    this.components = List.copyOf(components);
  }

  public StackLayout layout() {
    return layout;
  }

  public StackPorts ports() {
    return ports;
  }

  public List<Component> components() {
    return components;
  }

  /** Starts every component not already running; returns the seconds until all were healthy. */
  public double up() {
    requireFreePorts();
    ports.save(layout.run());
    long start = System.nanoTime();
    Map<String, CompletableFuture<Void>> started = new HashMap<>();
    ExecutorService pool = Executors.newCachedThreadPool();
    try {
      for (Component c : components) {
        CompletableFuture<?>[] deps =
            c.dependsOn().stream().map(started::get).toArray(CompletableFuture[]::new);
        started.put(
            c.name(),
            CompletableFuture.allOf(deps).thenRunAsync(() -> startAndAwait(c, start), pool));
      }
      CompletableFuture.allOf(started.values().toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException e) {
      started.values().forEach(f -> f.cancel(true));
      // Stop the start threads before stopping processes, or one could start a process after
      // down() ran and leave it behind.
      stopThreads(pool);
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      out.println("Stopping what was started...");
      down();
      throw cause instanceof StackException se ? se : new StackException(cause.getMessage(), cause);
    } finally {
      pool.shutdownNow();
    }
    return seconds(start);
  }

  private static void stopThreads(ExecutorService pool) {
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new StackException("start threads did not stop within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Refuses to start when a port of a component that is not running is held by someone else. */
  private void requireFreePorts() {
    for (Component c : components) {
      if (PidFile.read(pidFile(c.name())).flatMap(PidFile::liveProcess).isPresent()) {
        continue;
      }
      for (int port : c.ports()) {
        try (var socket = new java.net.ServerSocket()) {
          socket.setReuseAddress(true);
          socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
          throw new StackException(
              "Port "
                  + port
                  + " ("
                  + c.name()
                  + ") is in use by another program. Stop it, or start the stack on other ports"
                  + " with CANOPY_PORT_OFFSET=<n> bin/canopy up.");
        }
      }
    }
  }

  private void startAndAwait(Component c, long stackStart) {
    long t0 = System.nanoTime();
    Optional<PidFile> running =
        PidFile.read(pidFile(c.name())).filter(p -> p.liveProcess().isPresent());
    if (running.isPresent()) {
      out.printf("%-22s already running (pid %d)%n", c.name(), running.get().pid());
    } else {
      ProcessSpec spec;
      try {
        spec = c.prepare().get();
      } catch (RuntimeException e) {
        throw failure(c, "could not be prepared: " + e.getMessage(), e);
      }
      appendMarker(spec.log());
      PidFile pid = Processes.start(spec, pidFile(c.name()));
      out.printf("%-22s started (pid %d)%n", c.name(), pid.pid());
    }
    awaitHealthy(c, t0);
    try {
      c.afterHealthy().run();
    } catch (RuntimeException e) {
      throw failure(c, "failed after start: " + e.getMessage(), e);
    }
    out.printf(
        "%-22s … healthy in %.1f s (%.1f s since up)%n",
        c.name(), seconds(t0), seconds(stackStart));
  }

  private void awaitHealthy(Component c, long t0) {
    long deadline = t0 + HEALTH_TIMEOUT.toNanos();
    while (!c.health().healthy()) {
      boolean alive = PidFile.read(pidFile(c.name())).flatMap(PidFile::liveProcess).isPresent();
      if (!alive) {
        throw failure(c, "exited during start", null);
      }
      if (System.nanoTime() > deadline) {
        throw failure(c, "not healthy after " + HEALTH_TIMEOUT.toSeconds() + " s", null);
      }
      pause(Duration.ofMillis(250));
    }
  }

  private StackException failure(Component c, String what, Throwable cause) {
    StringBuilder sb = new StringBuilder();
    sb.append(c.name()).append(' ').append(what).append(". Last lines of ");
    sb.append(layout.log(c.name())).append(":\n");
    Processes.tail(layout.log(c.name()), 30).forEach(l -> sb.append("  | ").append(l).append('\n'));
    return new StackException(sb.toString(), cause);
  }

  /** Stops every process an {@code up} started (extras first, then components in reverse). */
  public void down() {
    List<String> order = new ArrayList<>(StackComponents.extras());
    List<Component> reversed = new ArrayList<>(components);
    java.util.Collections.reverse(reversed);
    reversed.forEach(c -> order.add(c.name()));
    // Stop in three waves so that clients go before the services they use.
    List<List<String>> waves =
        List.of(
            order.stream().filter(n -> n.equals("demo") || n.equals("control-plane")).toList(),
            order.stream().filter(n -> n.startsWith("druid-")).toList(),
            order.stream()
                .filter(
                    n -> !n.startsWith("druid-") && !n.equals("demo") && !n.equals("control-plane"))
                .toList());
    for (List<String> wave : waves) {
      wave.parallelStream()
          .forEach(
              name ->
                  PidFile.read(pidFile(name))
                      .ifPresent(
                          pid -> {
                            if (Processes.stop(pid, STOP_GRACE)) {
                              out.printf("%-22s stopped (pid %d)%n", name, pid.pid());
                            }
                          }));
    }
  }

  /**
   * Kills a component's process at once (SIGKILL), as a crash would; {@link #up} restarts it.
   *
   * @return whether it was running
   */
  public boolean kill(String name) {
    Optional<ProcessHandle> process = PidFile.read(pidFile(name)).flatMap(PidFile::liveProcess);
    process.ifPresent(
        p -> {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          p.onExit().join();
        });
    return process.isPresent();
  }

  /** Deletes the stack's state (data, logs, configuration, secrets); keeps unpacked binaries. */
  public void clean() {
    if (!running().isEmpty()) {
      throw new StackException("The stack is running; run bin/canopy down first.");
    }
    for (String dir : List.of("data", "logs", "run", "conf", "secrets")) {
      deleteTree(layout.root().resolve(dir));
    }
  }

  /** Names of components whose process is alive. */
  public List<String> running() {
    List<String> names = new ArrayList<>(StackComponents.extras());
    components.forEach(c -> names.add(c.name()));
    return names.stream()
        .filter(n -> PidFile.read(pidFile(n)).flatMap(PidFile::liveProcess).isPresent())
        .toList();
  }

  public Path pidFile(String name) {
    return layout.run().resolve(name + ".pid");
  }

  private static void appendMarker(Path log) {
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "\n==== canopy: starting at " + java.time.Instant.now() + " ====\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted");
    }
  }
}
