package io.canopy.controlplane.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a datasource's handoffs count as failing, and how that reads. */
class HandoffStatusTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static HandoffStatus status(Instant lastHandoff, Instant lastFailure, int failed) {
    return new HandoffStatus("events", true, 12, 2, lastHandoff, lastFailure, failed);
  }

  @Test
  void failingOnlyWhenAStreamingTaskFailedInTheLastHourAndNoneHandedOffSince() {
    Instant before = NOW.minusSeconds(1800);
    Instant after = NOW.minusSeconds(600);

    assertThat(status(null, null, 0).failing()).isFalse();
    assertThat(status(after, null, 0).failing()).isFalse();
    assertThat(status(null, after, 1).failing()).as("never handed off").isTrue();
    assertThat(status(before, after, 1).failing()).as("failed after the last handoff").isTrue();
    assertThat(status(after, before, 1).failing()).as("handed off since").isFalse();
    assertThat(status(null, NOW.minusSeconds(7200), 0).failing()).as("over an hour ago").isFalse();
    assertThat(new HandoffStatus("gone", false, 0, 0, null, after, 1).failing())
        .as("nothing streams into it any more")
        .isFalse();
  }

  @Test
  void describesSegmentsTheLastHandoffAndFailures() {
    assertThat(status(NOW.minusSeconds(300), null, 0).describe(NOW))
        .isEqualTo(
            "12 published and 2 real-time segments; last handoff 5 min ago"
                + " (2026-12-01T11:55:00Z); 0 failed streaming tasks in the last hour");
    assertThat(status(null, NOW.minusSeconds(60), 3).describe(NOW))
        .contains("last handoff none in 7 days")
        .contains("3 failed streaming tasks")
        .contains("HANDOFFS ARE FAILING");
  }
}
