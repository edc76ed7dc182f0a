package io.canopy.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
  private static CommandLine.Parsed parse(String... args) {
    return CommandLine.parse(List.of(args));
  }

  private static Invocation run(String... args) {
    return ((CommandLine.Run) parse(args)).invocation();
  }

  private static UsageException mistake(String... args) {
    return (UsageException)
        org.assertj.core.api.Assertions.catchThrowable(() -> CommandLine.parse(List.of(args)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"up", "down", "status", "logs", "env", "bench", "chaos", "help"})
  void everyCommandTakesHelpAndAsksForNothingElse(String command) {
    assertThat(parse(command, "--help")).isEqualTo(new CommandLine.Help(Optional.of(command)));
    assertThat(parse(command, "-h")).isEqualTo(new CommandLine.Help(Optional.of(command)));
  }

  @Test
  void helpWinsOverEverythingElseOnTheLine() {
    assertThat(parse("bench", "--only", "pii", "--help"))
        .isEqualTo(new CommandLine.Help(Optional.of("bench")));
    assertThat(parse("bench", "--only", "--help"))
        .isEqualTo(new CommandLine.Help(Optional.of("bench")));
    assertThat(parse("up", "--bogus", "--help")).isEqualTo(new CommandLine.Help(Optional.of("up")));
  }

  @Test
  void helpAloneOrAsACommandShowsTheListOrOneCommand() {
    assertThat(parse("--help")).isEqualTo(new CommandLine.Help(Optional.empty()));
    assertThat(parse("-h")).isEqualTo(new CommandLine.Help(Optional.empty()));
    assertThat(parse("help")).isEqualTo(new CommandLine.Help(Optional.empty()));
    assertThat(parse("help", "bench")).isEqualTo(new CommandLine.Help(Optional.of("bench")));
  }

  @Test
  void nothingOrAnUnknownCommandIsAUsageErrorShowingTheList() {
    assertThat(mistake().getMessage()).isEqualTo("no command given");
    assertThat(mistake().command()).isEmpty();
    assertThat(mistake("frobnicate").getMessage()).isEqualTo("unknown command 'frobnicate'");
    assertThat(mistake("frobnicate", "--help").command()).isEmpty();
    assertThat(mistake("help", "frobnicate").getMessage())
        .isEqualTo("unknown command 'frobnicate'");
  }

  @Test
  void anUnknownOptionIsAUsageErrorOfItsCommandNeverADefaultRun() {
    UsageException e = mistake("bench", "--onyl", "pii");
    assertThat(e.getMessage()).isEqualTo("unknown option --onyl for bench");
    assertThat(e.command()).contains("bench");
    assertThat(mistake("up", "--demo", "--clena").getMessage())
        .isEqualTo("unknown option --clena for up");
    assertThat(mistake("status", "-v").command()).contains("status");
    assertThat(mistake("chaos", "--isolated").getMessage())
        .isEqualTo("unknown option --isolated for chaos");
  }

  @Test
  void argumentsAreCountedPerCommand() {
    assertThat(mistake("status", "now").getMessage())
        .isEqualTo("unexpected argument 'now' for status");
    assertThat(mistake("logs").getMessage()).isEqualTo("logs needs a component");
    assertThat(mistake("logs", "kafka", "zookeeper").getMessage())
        .isEqualTo("unexpected argument 'zookeeper' for logs");
    assertThat(run("logs", "-f", "kafka"))
        .isEqualTo(new Invocation("logs", Set.of("-f"), Map.of(), List.of("kafka")));
    assertThat(run("logs", "kafka", "-f").flag("-f")).isTrue();
  }

  @Test
  void aValuedOptionNeedsItsValue() {
    assertThat(mistake("chaos", "--rate").getMessage()).isEqualTo("--rate needs a value");
    assertThat(mistake("bench", "--only", "--isolated").getMessage())
        .isEqualTo("--only needs a value");
  }

  @Test
  void flagsAndValuesAreReadAsGiven() {
    Invocation up = run("up", "--clean", "--demo");
    assertThat(up.flag("--demo")).isTrue();
    assertThat(up.flag("--clean")).isTrue();
    assertThat(run("up").flag("--demo")).isFalse();

    Invocation bench = run("bench", "--only", "capacity", "--rates", "2500,5000", "--isolated");
    assertThat(bench.string("--only", "all")).isEqualTo("capacity");
    assertThat(bench.integers("--rates", List.of(1))).containsExactly(2500, 5000);
    assertThat(bench.integer("--step-seconds", 90)).isEqualTo(90);
    assertThat(bench.flag("--isolated")).isTrue();
    assertThat(bench.flag("--load-only")).isFalse();
  }

  @Test
  void aValueOfTheWrongKindNamesTheOptionAndTheCommand() {
    Invocation bench = run("bench", "--probes", "lots", "--rates", "10,x", "--only", "pi");
    assertThatThrownBy(() -> bench.integer("--probes", 200))
        .isInstanceOf(UsageException.class)
        .hasMessage("--probes takes a positive whole number, not 'lots'");
    assertThatThrownBy(() -> bench.integers("--rates", List.of()))
        .hasMessage("--rates takes a positive whole number, not 'x'");
    assertThatThrownBy(() -> bench.choice("--only", List.of("all", "pii"), "all"))
        .hasMessage("--only takes one of all, pii, not 'pi'");
    assertThatThrownBy(() -> run("chaos", "--rate", "0").integer("--rate", 10))
        .hasMessage("--rate takes a positive whole number, not '0'");
    assertThat(mistake("bench", "--probes", "-3").getMessage()).isEqualTo("--probes needs a value");
  }
}
