package io.canopy.stack.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used over a stretch of wall time, in cores: by this JVM (the benchmark's client), by another
 * process (from {@code /proc/<pid>/stat}), and by the whole machine (from {@code /proc/stat}).
 * Linux only; a value it cannot read is NaN.
 */
final class CpuMeter {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private final long otherPid;
  private final long startNanos;
  private final long selfStart;
  private final double otherStart;
  private final double machineStart;

  private CpuMeter(long otherPid) {
    this.otherPid = otherPid;
    this.startNanos = System.nanoTime();
    this.selfStart = selfCpuNanos();
    this.otherStart = processSeconds(otherPid);
    this.machineStart = machine();
  }

  /** Starts measuring this JVM, process {@code otherPid} and the machine. */
  static CpuMeter start(long otherPid) {
    return new CpuMeter(otherPid);
  }

  /** The cores used since the start, by this JVM, the other process and the machine. */
  record Cores(double self, double other, double machine) {
    @Override
    public String toString() {
      return String.format(
          "benchmark client %.2f cores, control plane %.2f cores, whole machine %.2f of %d cores",
          self, other, machine, Runtime.getRuntime().availableProcessors());
    }
  }

  Cores stop() {
    double wall = (System.nanoTime() - startNanos) / 1e9;
    double busy = (machine() - machineStart) / TICKS_PER_SECOND;
    return new Cores(
        (selfCpuNanos() - selfStart) / 1e9 / wall,
        (processSeconds(otherPid) - otherStart) / wall,
        busy / wall);
  }

  private static long selfCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** utime + stime of a process, in seconds; NaN if it cannot be read. */
  private static double processSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Busy ticks (everything but idle and iowait) of all CPUs, from the first line of /proc/stat. */
  private static double machine() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      double busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) {
          busy += Double.parseDouble(f[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
