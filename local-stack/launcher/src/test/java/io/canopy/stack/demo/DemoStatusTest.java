package io.canopy.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo generator's line in bin/canopy status. */
class DemoStatusTest {
  private static final Instant NOW = Instant.parse("2026-12-07T18:03:00Z");
  private static final Instant FROM = Instant.parse("2026-12-07T12:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-07T18:00:00Z");

  private static DemoState state(long pid, Instant through, String error, String stopped) {
    TreeMap<Instant, Long> hours = new TreeMap<>();
    hours.put(FROM, 16_000L);
    return new DemoState(
        pid,
        TO,
        NOW.minusSeconds(1),
        FROM,
        TO,
        through,
        through == null ? 0 : 54_321,
        Instant.parse("2026-12-07T18:02:50Z"),
        812,
        4.5,
        hours,
        0,
        error == null ? 0 : 1,
        error,
        error == null ? null : Instant.parse("2026-12-07T18:01:02.345Z"),
        stopped,
        stopped == null ? null : NOW);
  }

  @Test
  void whileItBackFillsItSaysHowFarWithTheLiveRateAndTheLastError() {
    DemoState s =
        state(7, Instant.parse("2026-12-07T15:00:00Z"), "HTTP 429: over quota (waiting 1 s)", null);

    DemoStatus status =
        DemoStatus.describe(Optional.of(7L), true, Optional.of(s), NOW).orElseThrow();

    assertThat(status.healthy()).isTrue();
    assertThat(status.line())
        .isEqualTo(
            "running   pid 7: back-filling, through 2026-12-07T15:00:00Z (50 % of 6 h); live 4.5"
                + " events/s through 2026-12-07T18:02:50Z; 55,133 events sent; last error at"
                + " 2026-12-07T18:01:02Z: HTTP 429: over quota (waiting 1 s)");
  }

  @Test
  void onceBackFilledItSaysSo() {
    DemoStatus status =
        DemoStatus.describe(Optional.of(7L), true, Optional.of(state(7, TO, null, null)), NOW)
            .orElseThrow();

    assertThat(status.line())
        .startsWith(
            "running   pid 7: back-filled 6 h (2026-12-07T12:00:00Z to 2026-12-07T18:00:00Z,"
                + " 54,321 events); live 4.5 events/s")
        .endsWith("; no error");
  }

  @Test
  void aProcessThatIsGoneIsDeadNeverItsLastHappyState() {
    DemoStatus killed =
        DemoStatus.describe(Optional.of(7L), false, Optional.of(state(7, TO, null, null)), NOW)
            .orElseThrow();
    DemoStatus gaveUp =
        DemoStatus.describe(
                Optional.of(7L),
                false,
                Optional.of(
                    state(7, TO, null, "gave up: the ingest API refused a batch: HTTP 400")),
                NOW)
            .orElseThrow();

    assertThat(killed.healthy()).isFalse();
    assertThat(killed.line())
        .startsWith("DEAD (pid 7 is gone; see bin/canopy logs demo): back-filled 6 h")
        .doesNotContain("running");
    assertThat(gaveUp.healthy()).isFalse();
    assertThat(gaveUp.line())
        .startsWith(
            "DEAD (pid 7 is gone; see bin/canopy logs demo): gave up: the ingest API refused a"
                + " batch: HTTP 400; back-filled 6 h");
  }

  @Test
  void aStateOfAnotherProcessIsNotThisOnes() {
    Optional<DemoState> previous = Optional.of(state(6, TO, null, "stopped"));

    assertThat(DemoStatus.describe(Optional.of(7L), true, previous, NOW).orElseThrow().line())
        .isEqualTo("running   pid 7, starting");
    assertThat(DemoStatus.describe(Optional.of(7L), false, previous, NOW).orElseThrow().line())
        .isEqualTo("DEAD (pid 7 is gone; see bin/canopy logs demo): it wrote no state");
  }

  @Test
  void stoppedByDownOrNeverStarted() {
    assertThat(DemoStatus.describe(Optional.empty(), false, Optional.empty(), NOW)).isEmpty();
    DemoStatus stopped =
        DemoStatus.describe(
                Optional.empty(), false, Optional.of(state(6, TO, null, "stopped")), NOW)
            .orElseThrow();
    assertThat(stopped.healthy()).isTrue();
    assertThat(stopped.line()).startsWith("stopped; its last run: back-filled 6 h");
  }

  @Test
  void aLiveProcessThatStoppedWritingSaysSo() {
    DemoStatus hung =
        DemoStatus.describe(
                Optional.of(7L), true, Optional.of(state(7, TO, null, null)), NOW.plusSeconds(120))
            .orElseThrow();

    assertThat(hung.line()).contains("; NO STATE WRITTEN FOR 121 s");
  }

  @Test
  void theStateSurvivesItsFile(@TempDir Path dir) {
    DemoState s = state(7, TO, "HTTP 503: Kafka did not commit (waiting 5 s)", "stopped");

    s.write(dir.resolve("state.json"));

    assertThat(DemoState.read(dir.resolve("state.json"))).contains(s);
    assertThat(DemoState.read(dir.resolve("none.json"))).isEmpty();
  }
}
