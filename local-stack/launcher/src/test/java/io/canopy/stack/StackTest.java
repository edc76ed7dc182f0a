package io.canopy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.stack.component.Component;
import io.canopy.stack.process.ProcessSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestrator with small real processes standing in for the stack's components. */
class StackTest {
  @TempDir Path root;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private Stack stack(List<Component> components) {
    return new Stack(
        StackLayout.of(root, root),
        new StackPorts(0),
        new PrintStream(printed, true, StandardCharsets.UTF_8),
        components);
  }

  /** A process running a shell script; healthy once it has created its marker file. */
  private Component shell(String name, List<String> dependsOn, String script) {
    Path marker = root.resolve(name + ".ready");
    return new Component(
        name,
        List.of(),
        dependsOn,
        () ->
            new ProcessSpec(
                List.of("sh", "-c", script.replace("READY", "touch " + marker)),
                root.resolve("work"),
                Map.of(),
                root.resolve("logs").resolve(name + ".log")),
        () -> Files.exists(marker));
  }

  @Test
  void startsInDependencyOrderReportsEachAndDownStopsExactlyWhatUpStarted() {
    Stack stack =
        stack(
            List.of(
                shell("a", List.of(), "READY; exec sleep 300"),
                shell(
                    "b",
                    List.of("a"),
                    "test -e " + root.resolve("a.ready") + " && READY; exec sleep 300")));

    stack.up();

    assertThat(stack.running()).containsExactlyInAnyOrder("a", "b");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .containsPattern("a\\s+… healthy in")
        .containsPattern("b\\s+… healthy in");
    stack.down();
    assertThat(stack.running()).isEmpty();
    assertThat(root.resolve("run/a.pid")).doesNotExist();
  }

  @Test
  void aComponentThatExitsFailsUpWithItsLastLogLinesAndNothingIsLeftRunning() {
    Stack stack =
        stack(
            List.of(
                shell("ok", List.of(), "READY; exec sleep 300"),
                shell("broken", List.of("ok"), "echo 'bind: address already in use'; exit 3"),
                shell("after", List.of("broken"), "READY; exec sleep 300")));

    assertThatThrownBy(stack::up)
        .isInstanceOf(StackException.class)
        .hasMessageContaining("broken exited during start")
        .hasMessageContaining("| bind: address already in use");

    assertThat(stack.running()).isEmpty();
    assertThat(root.resolve("logs/after.log")).doesNotExist();
  }

  @Test
  void cleanRefusesWhileRunningAndKeepsUnpackedBinaries() throws Exception {
    Stack stack = stack(List.of(shell("a", List.of(), "READY; exec sleep 300")));
    Files.createDirectories(root.resolve("opt/postgres"));
    stack.up();

    assertThatThrownBy(stack::clean).hasMessageContaining("bin/canopy down first");
    stack.down();
    stack.clean();

    assertThat(root.resolve("logs")).doesNotExist();
    assertThat(root.resolve("opt/postgres")).exists();
  }
}
