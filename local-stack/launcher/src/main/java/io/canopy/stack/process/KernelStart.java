package io.canopy.stack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * When a process started, as the Linux kernel counts it: the boot it belongs to and the clock ticks
 * from that boot to its start ({@code /proc/<pid>/stat}, field 22). Unlike the JDK's start instant,
 * which is boot time plus ticks with the boot time taken from the wall clock, this never moves when
 * the machine is paused or its clock is stepped; a pid reused after a reboot has another boot id.
 */
record KernelStart(String bootId, long ticks) {

  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
  private static final int STARTTIME_AFTER_COMMAND = 19; // field 22; fields after ")" begin at 3

  /** The process's kernel start, or empty where there is no {@code /proc} or the pid is gone. */
  static Optional<KernelStart> of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) is in parentheses and may itself hold spaces and ")".
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      long ticks = Long.parseLong(fields[STARTTIME_AFTER_COMMAND]);
      return Optional.of(new KernelStart(Files.readString(BOOT_ID).trim(), ticks));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The form a pid file holds: {@code <boot id>/<ticks>}. */
  String token() {
    return bootId + "/" + ticks;
  }

  static Optional<KernelStart> parse(String token) {
    int slash = token.lastIndexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new KernelStart(token.substring(0, slash), Long.parseLong(token.substring(slash + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
