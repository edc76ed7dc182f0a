package io.canopy.stack.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for {@code initdb} and the {@code postgres} server, bound to 127.0.0.1 only, with
 * SCRAM password authentication and no Unix socket.
 *
 * <p>PostgreSQL refuses to run as root. When the caller is root (CI machines and containers), the
 * commands run through {@code unshare --user} with root mapped to an unprivileged id inside a user
 * namespace: the server then sees itself as the owner of its (root-owned) data directory, and no
 * file ownership has to change. The process id is still the server's own ({@code unshare} execs).
 */
public final class PostgresCommands {
  private static final int NAMESPACE_UID = 1000;

  private PostgresCommands() {}

  /** {@code initdb} for a new cluster owned by superuser {@code user}, password from a file. */
  public static List<String> initdb(
      PostgresBinaries binaries, Path dataDir, String user, Path passwordFile) {
    return withPrivilegeDrop(
        List.of(
            binaries.bin("initdb").toString(),
            "--pgdata=" + dataDir,
            "--username=" + user,
            "--pwfile=" + passwordFile,
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync"));
  }

  /** The server in the foreground (it is the process to supervise), on 127.0.0.1:{@code port}. */
  public static List<String> server(PostgresBinaries binaries, Path dataDir, int port) {
    return withPrivilegeDrop(
        List.of(
            binaries.bin("postgres").toString(),
            "-D",
            dataDir.toString(),
            "-p",
            Integer.toString(port),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "unix_socket_directories=",
            "-c",
            "max_connections=100",
            "-c",
            "shared_buffers=64MB",
            "-c",
            "fsync=on"));
  }

  /** Whether the data directory already holds an initialized cluster. */
  public static boolean isInitialized(Path dataDir) {
    return Files.isRegularFile(dataDir.resolve("PG_VERSION"));
  }

  private static List<String> withPrivilegeDrop(List<String> command) {
    if (!runningAsRoot()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>();
    wrapped.add("unshare");
    wrapped.add("--user");
    wrapped.add("--map-user=" + NAMESPACE_UID);
    wrapped.add("--map-group=" + NAMESPACE_UID);
    wrapped.add("--");
    wrapped.addAll(command);
    return wrapped;
  }

  private static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
