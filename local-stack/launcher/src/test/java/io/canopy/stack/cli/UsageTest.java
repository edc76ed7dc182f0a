package io.canopy.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

  @Test
  void everyBenchOptionTheGrammarTakesIsExplained() {
    String bench = Usage.of("bench");
    for (String option :
        new String[] {
          "--only",
          "--probes",
          "--seconds",
          "--warmup",
          "--threads",
          "--events",
          "--rounds",
          "--load-events",
          "--queries",
          "--clients",
          "--security-seconds",
          "--rates",
          "--step-seconds",
          "--query-events",
          "--tenant",
          "--query-days",
          "--cold-rounds",
          "--warm-requests",
          "--query-seconds",
          "--query-rate"
        }) {
      assertThat(bench).contains(option + " ");
      assertThat(CommandLine.parse(List.of("bench", option, "1")))
          .isInstanceOf(CommandLine.Run.class);
    }
    for (String flag : new String[] {"--isolated", "--load-only"}) {
      assertThat(bench).contains(flag);
      assertThat(CommandLine.parse(List.of("bench", flag))).isInstanceOf(CommandLine.Run.class);
    }
  }
}
