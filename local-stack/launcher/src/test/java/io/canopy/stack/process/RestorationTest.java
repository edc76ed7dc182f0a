package io.canopy.stack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
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

  /** A JVM that arms an undo (it writes a file), says so, and waits to be stopped. */
  public static final class Interrupted {
    public static void main(String[] args) throws Exception {
      Path marker = Path.of(args[0]);
      Restoration.arm(
          "resume supervisor events", () -> Files.writeString(marker, "resumed"), System.out);
      System.out.println("armed");
      Thread.sleep(60_000);
    }
  }

  @Test
  void sigtermOfTheCommandStillUndoes() throws Exception {
    Path marker = dir.resolve("undone");
    Path output = dir.resolve("output");
    Process child =
        new ProcessBuilder(
                List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Interrupted.class.getName(),
                    marker.toString()))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.readString(output).contains("armed") && System.nanoTime() < deadline) {
      Thread.sleep(20); // polls the child's output for its first line
    }
    assertThat(Files.readString(output)).isEqualTo("armed\n");

    child.destroy(); // SIGTERM; Ctrl-C's SIGINT is handled the same: the JVM runs its hooks

    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(output))
        .isEqualTo("armed\ncanopy: interrupted; restored: resume supervisor events\n");
    assertThat(Files.readString(marker)).isEqualTo("resumed");
  }
}
