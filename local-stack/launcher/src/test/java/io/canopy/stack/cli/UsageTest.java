package io.canopy.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageTest {
  @ParameterizedTest
  @ValueSource(strings = {"up", "down", "status", "logs", "env", "bench", "chaos", "help"})
  void everyCommandHasItsOwnUsage(String command) {
    assertThat(Usage.of(command)).startsWith("usage: bin/canopy " + command);
    assertThat(Usage.overview()).contains("\n  " + command);
  }

  @Test
  void theOverviewListsTheCommandsAndServesAnUnknownOne() {
    assertThat(Usage.overview()).startsWith("usage: bin/canopy <command> [options]\n");
    assertThat(Usage.of(null)).isEqualTo(Usage.overview());
    assertThat(Usage.of("frobnicate")).isEqualTo(Usage.overview());
  }

  @ParameterizedTest
  @ValueSource(strings = {"up", "logs", "bench", "chaos"})
  void everyOptionTheGrammarTakesIsExplainedInItsCommandsUsage(String command) {
    assertThat(CommandLine.options(command)).isNotEmpty();
    for (String option : CommandLine.options(command)) {
      assertThat(Usage.of(command))
          .contains(option + (CommandLine.valued(command, option) ? " " : ""));
    }
  }
}
