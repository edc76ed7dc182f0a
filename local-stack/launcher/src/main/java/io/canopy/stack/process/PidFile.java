package io.canopy.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A started process's identity: its pid and its start time, written to {@code run/<name>.pid} as
 * soon as the process exists. The start time guards against pid reuse: after a reboot or a long
 * time, a pid file may name a pid that now belongs to someone else's process, and {@link
 * #liveProcess()} then answers empty instead of letting {@code down} signal a stranger.
 */
public record PidFile(Path path, long pid, Instant started) {

  public static PidFile write(Path path, ProcessHandle process) {
    Instant started = process.info().startInstant().orElse(Instant.EPOCH);
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, process.pid() + " " + started.toEpochMilli() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PidFile(path, process.pid(), started);
  }

  public static Optional<PidFile> read(Path path) {
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    try {
      String[] parts = Files.readString(path).trim().split("\\s+");
      return Optional.of(
          new PidFile(
              path, Long.parseLong(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1]))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable: treat as no process
    }
  }

  /** The process this file names, if it is still alive and is the same process we started. */
  public Optional<ProcessHandle> liveProcess() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            h ->
                h.info()
                    .startInstant()
                    .map(s -> Math.abs(s.toEpochMilli() - started.toEpochMilli()) < 2000)
                    .orElse(false));
  }

  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
