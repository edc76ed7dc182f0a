package io.canopy.stack.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A throw-away PostgreSQL server owned by the calling JVM, for tests: a fresh cluster in a
 * temporary directory on a free port, stopped (fast shutdown) and deleted by {@link #close()}.
 *
 * <p>The local stack does not use this class: it supervises its PostgreSQL as a detached process
 * with {@link PostgresCommands} directly, so the server outlives the launcher.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  public static final String USER = "canopy";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path root;
  private final int port;
  private final String password;

  private EmbeddedPostgres(Process process, Path root, int port, String password) {
    this.process = process;
    this.root = root;
    this.port = port;
    this.password = password;
  }

  /** Starts a new server and waits until it accepts connections. */
  public static EmbeddedPostgres start() {
    try {
      Path root = Files.createTempDirectory("canopy-pg-");
      PostgresBinaries binaries =
          PostgresBinaries.installUnder(Path.of(System.getProperty("java.io.tmpdir"), "canopy"));
      String password = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(16));
      Path passwordFile = root.resolve("pwfile");
      Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
      Path data = root.resolve("data");
      Path log = root.resolve("postgres.log");
      run(PostgresCommands.initdb(binaries, data, USER, passwordFile), log);
      int port = freePort();
      Process server =
          new ProcessBuilder(PostgresCommands.server(binaries, data, port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      EmbeddedPostgres pg = new EmbeddedPostgres(server, root, port, password);
      pg.awaitReady(log);
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return password;
  }

  /** JDBC URL of database {@code postgres} (the one initdb creates). */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /**
   * Stops the server and keeps its files, as an outage would; {@link #close} still deletes them.
   */
  public void stop() {
    try {
      // SIGINT = PostgreSQL's "fast" shutdown: no waiting for clients a test forgot to close.
      if (process.isAlive()) {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      }
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady(Path log) throws IOException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (Files.readString(log).contains("database system is ready to accept connections")) {
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      pause();
    }
    close();
    throw new IllegalStateException("PostgreSQL did not start:\n" + Files.readString(log));
  }

  private static void run(List<String> command, Path log) throws IOException {
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (p.waitFor() != 0) {
        throw new IllegalStateException(
            "Command failed: " + command + "\n" + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for PostgreSQL", e);
    }
  }
}
