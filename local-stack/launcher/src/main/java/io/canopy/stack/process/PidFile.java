package io.canopy.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A started process's identity: its pid and its start, written to {@code run/<name>.pid} as soon as
 * the process exists. The start guards against pid reuse: after a reboot or a long time, a pid file
 * may name a pid that now belongs to someone else's process, and {@link #liveProcess()} then
 * answers empty instead of letting {@code down} signal a stranger.
 *
 * <p>Where Linux tells it, the start compared is the kernel's ({@link KernelStart}); the JDK's
 * start instant is derived from the wall clock and shifts when the machine is paused, which once
 * made {@code down} take its own processes for strangers and leave them running. The instant,
 * within 2 s, is the fallback elsewhere and for files written without a kernel start.
 */
public record PidFile(Path path, long pid, Instant started, Optional<KernelStart> kernelStart) {

  public static PidFile write(Path path, ProcessHandle process) {
    Instant started = process.info().startInstant().orElse(Instant.EPOCH);
    Optional<KernelStart> kernel = KernelStart.of(process.pid());
    String line =
        process.pid()
            + " "
            + started.toEpochMilli()
            + kernel.map(k -> " " + k.token()).orElse("")
            + "\n";
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PidFile(path, process.pid(), started, kernel);
  }

  public static Optional<PidFile> read(Path path) {
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    try {
      String[] parts = Files.readString(path).trim().split("\\s+");
      return Optional.of(
          new PidFile(
              path,
              Long.parseLong(parts[0]),
              Instant.ofEpochMilli(Long.parseLong(parts[1])),
              parts.length > 2 ? KernelStart.parse(parts[2]) : Optional.empty()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable: treat as no process
    }
  }

  /** The process this file names, if it is still alive and is the same process we started. */
  public Optional<ProcessHandle> liveProcess() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::startedWhenWritten);
  }

  private boolean startedWhenWritten(ProcessHandle process) {
    Optional<KernelStart> now = kernelStart.flatMap(k -> KernelStart.of(process.pid()));
    if (now.isPresent()) {
      return now.equals(kernelStart);
    }
    return process
        .info()
        .startInstant()
        .map(s -> Math.abs(s.toEpochMilli() - started.toEpochMilli()) < 2000)
        .orElse(false);
  }

  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
