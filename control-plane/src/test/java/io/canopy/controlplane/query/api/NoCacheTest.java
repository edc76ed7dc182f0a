package io.canopy.controlplane.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoCacheTest {
  @Test
  void onlyTheNoCacheDirectiveAsksForDruid() {
    assertThat(NoCache.asked("no-cache")).isTrue();
    assertThat(NoCache.asked("max-age=0, No-Cache")).isTrue();
    assertThat(NoCache.asked(null)).isFalse();
    assertThat(NoCache.asked("no-store")).isFalse();
    assertThat(NoCache.asked("max-age=60")).isFalse();
  }
}
