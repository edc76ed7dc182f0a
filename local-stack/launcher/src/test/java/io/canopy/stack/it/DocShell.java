package io.canopy.stack.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One bash, as a reader's terminal: blocks pasted into it one after another share its variables
 * ({@code QKEY} made by one block is there for the next). It runs with {@code -euo pipefail}, so a
 * failing command or an unset variable ends it, and the block that ended it is known. Standard
 * error is part of what a block printed. Not thread-safe: one test's blocks, in order.
 */
final class DocShell implements AutoCloseable {
  private static final String END = "@@end of block@@";

  private final Process bash;
  private final OutputStream stdin;
  private final Thread reader;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private int read;

  /** What one block did: whether the shell still runs after it, and what it printed. */
  record Result(boolean ended, boolean timedOut, int exit, String printed) {}

  /** A bash in {@code directory} with {@code CANOPY_DATA_DIR} set, as the stack's own. */
  DocShell(Path directory, Path dataDir) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-euo", "pipefail", "-s")
            .directory(directory.toFile())
            .redirectErrorStream(true);
    pb.environment().put("CANOPY_DATA_DIR", dataDir.toString());
    bash = pb.start();
    stdin = bash.getOutputStream();
    reader = new Thread(this::copyOutput, "doc-shell-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Pastes {@code script} and waits until it has run, the shell ended, or {@code within} passed
   * (then the shell is killed).
   */
  Result run(String script, Duration within) throws IOException, InterruptedException {
    stdin.write((script + "\nprintf '\\n%s\\n' '" + END + "'\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    long deadline = System.nanoTime() + within.toNanos();
    synchronized (printed) {
      for (long left = within.toNanos(); left > 0 && bash.isAlive(); ) {
        String text = printed.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\n" + END + "\n", read);
        if (end >= 0) {
          String block = text.substring(read, end);
          read = end + END.length() + 2;
          return new Result(false, false, 0, block);
        }
        printed.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 500)));
        left = deadline - System.nanoTime();
      }
    }
    boolean timedOut = bash.isAlive();
    close();
    reader.join(TimeUnit.SECONDS.toMillis(10)); // the last of what it printed
    synchronized (printed) {
      String block = printed.toString(StandardCharsets.UTF_8).substring(read);
      read += block.length();
      return new Result(true, timedOut, timedOut ? -1 : bash.exitValue(), block);
    }
  }

  /** Whether the shell still runs: no block ended it. */
  boolean running() {
    return bash.isAlive();
  }

  @Override
  public void close() {
    if (bash.isAlive()) {
      bash.descendants().forEach(ProcessHandle::destroyForcibly);
      bash.destroyForcibly();
    }
    try {
      bash.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Copies the shell's output into {@link #printed}, waking whoever waits for a block's end. */
  private void copyOutput() {
    byte[] buffer = new byte[8192];
    try (InputStream out = bash.getInputStream()) {
      for (int n; (n = out.read(buffer)) >= 0; ) {
        synchronized (printed) {
          printed.write(buffer, 0, n);
          printed.notifyAll();
        }
      }
    } catch (IOException ended) {
      // the shell is gone; run() sees it
    } finally {
      synchronized (printed) {
        printed.notifyAll();
      }
    }
  }
}
