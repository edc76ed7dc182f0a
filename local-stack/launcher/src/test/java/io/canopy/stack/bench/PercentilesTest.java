package io.canopy.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankOfOneToTwoHundred() {
    List<Double> values = new ArrayList<>();
    for (int i = 200; i >= 1; i--) {
      values.add((double) i);
    }
    Collections.shuffle(values, new java.util.Random(1));

    Percentiles p = Percentiles.of(values);

    assertThat(p.count()).isEqualTo(200);
    assertThat(p.p50()).isEqualTo(100);
    assertThat(p.p95()).isEqualTo(190);
    assertThat(p.p99()).isEqualTo(198);
    assertThat(p.max()).isEqualTo(200);
  }
}
