package io.canopy.controlplane.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.common.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThawIntervalTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void datesAreMidnightUtcAndInstantsAreKept() {
    assertThat(ThawInterval.parse("2026-10-01/2026-10-08", NOW).druid())
        .isEqualTo("2026-10-01T00:00:00Z/2026-10-08T00:00:00Z");
    assertThat(ThawInterval.parse("2026-10-01T06:00:00Z/2026-10-01T18:00:00Z", NOW).druid())
        .isEqualTo("2026-10-01T06:00:00Z/2026-10-01T18:00:00Z");
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource({
    "nonsense, must be start/end",
    "2026-10-01, must be start/end",
    "2026-10-08/2026-10-01, must start before it ends",
    "2026-09-01/2026-10-08, at most 31 days",
    "2026-11-24/2026-11-25, must start in the past",
    "yesterday/today, neither a date nor an ISO instant",
  })
  void badIntervalsAre400NamingTheField(String text, String reason) {
    assertThatThrownBy(() -> ThawInterval.parse(text, NOW))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("interval");
              assertThat(e.getMessage()).contains(reason);
            });
  }

  @Test
  void overlapIsHalfOpen() {
    ThawInterval week = ThawInterval.parse("2026-10-01/2026-10-08", NOW);

    assertThat(week.overlaps("2026-10-07T00:00:00.000Z", "2026-10-08T00:00:00.000Z")).isTrue();
    assertThat(week.overlaps("2026-10-08T00:00:00.000Z", "2026-10-09T00:00:00.000Z")).isFalse();
    assertThat(week.overlaps("2026-09-30T00:00:00.000Z", "2026-10-01T00:00:00.000Z")).isFalse();
  }
}
