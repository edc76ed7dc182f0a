package io.canopy.stack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RestorationTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

  @Test
  void closingUndoesOnceAndSaysNothing() {
    AtomicInteger undone = new AtomicInteger();
    Restoration r = Restoration.arm("resume supervisor events", undone::incrementAndGet, log);

    r.close();
    r.close();

    assertThat(undone).hasValue(1);
    assertThat(logged.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aFailedUndoSaysWhatToDoByHand() {
    Restoration r =
        Restoration.arm(
            "resume supervisor events",
            () -> {
              throw new java.io.IOException("HTTP 503");
            },
            log);

    assertThatThrownBy(r::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("could not resume supervisor events (HTTP 503); do it by hand");
  }

  /**
   * A JVM that arms an undo (it writes a file), says so, and waits to be stopped: it reads its
   * input, which the test never writes (and closes should it end first).
   */
  public static final class Interrupted {
    public static void main(String[] args) throws Exception {
      Path marker = Path.of(args[0]);
      Restoration.arm(
          "resume supervisor events", () -> Files.writeString(marker, "resumed"), System.out);
      System.out.println("armed");
      System.out.flush();
      System.in.read();
    }
  }

  @Test
  @Timeout(60)
  void sigtermOfTheCommandStillUndoes() throws Exception {
    Path marker = dir.resolve("undone");
    Process child =
        new ProcessBuilder(
                List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Interrupted.class.getName(),
                    marker.toString()))
            .redirectErrorStream(true)
            .start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    assertThat(output.readLine()).isEqualTo("armed"); // blocks until the undo is armed

    // SIGTERM (Ctrl-C's SIGINT is handled the same: the JVM runs its hooks), through the handle:
    // Process.destroy would also close the pipe this test reads.
    child.toHandle().destroy();

    assertThat(output.readLine())
        .isEqualTo("canopy: interrupted; restored: resume supervisor events");
    assertThat(output.readLine()).as("nothing more").isNull();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(marker)).isEqualTo("resumed");
  }
}
