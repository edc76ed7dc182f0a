package io.canopy.stack.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts components as detached processes and stops them by pid.
 *
 * <p>Each process runs in a session of its own ({@code setsid}), with stdin from {@code /dev/null}
 * and output appended to its log file, so it outlives the launcher and a Ctrl-C on the launcher's
 * terminal does not reach it. Stopping sends SIGTERM (every component here shuts down cleanly on
 * it), waits, and only then SIGKILLs.
 */
public final class Processes {
  private Processes() {}

  public static PidFile start(ProcessSpec spec, Path pidFile) {
    List<String> command = new ArrayList<>();
    command.add("setsid");
    command.addAll(spec.command());
    try {
      Process process = builder(spec, command).start();
      return PidFile.write(pidFile, process.toHandle());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + spec.command().get(0), e);
    }
  }

  /** Runs a command to completion (e.g. a storage format step), output appended to the log. */
  public static void runToCompletion(ProcessSpec spec, Duration timeout) {
    try {
      Process process = builder(spec, spec.command()).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("Timed out: " + String.join(" ", spec.command()));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "Exit code " + process.exitValue() + ": " + spec.command().get(0));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  /** stdin from /dev/null, stdout and stderr appended to the log, directories created. */
  private static ProcessBuilder builder(ProcessSpec spec, List<String> command) throws IOException {
    Files.createDirectories(spec.log().getParent());
    Files.createDirectories(spec.workingDir());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(spec.workingDir().toFile())
            .redirectInput(new File("/dev/null"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.log().toFile()));
    builder.environment().putAll(spec.environment());
    return builder;
  }

  /**
   * Stops the process a pid file names, if it is still the process we started; removes the file.
   *
   * @return true if a live process was stopped
   */
  public static boolean stop(PidFile pidFile, Duration grace) {
    Optional<ProcessHandle> live = pidFile.liveProcess();
    live.ifPresent(
        handle -> {
          handle.destroy();
          try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
          } catch (Exception notStoppedInTime) {
            handle.destroyForcibly();
            handle.onExit().join();
          }
        });
    pidFile.delete();
    return live.isPresent();
  }

  /** The last {@code n} lines of a log file, for a failure report. */
  public static List<String> tail(Path log, int n) {
    try {
      if (!Files.exists(log)) {
        return List.of("(no log at " + log + ")");
      }
      List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
      return lines.subList(Math.max(0, lines.size() - n), lines.size());
    } catch (IOException e) {
      return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
    }
  }
}
