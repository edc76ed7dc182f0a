package io.canopy.druid.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.datasketches.cpc.CpcSketch;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllFloatsSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.apache.datasketches.req.ReqSketch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Accuracy on generated data with fixed seeds, against exact answers, within each sketch's stated
 * bounds. Each test prints one line of the tables in docs/sketches.md.
 */
class SketchAccuracyTest {

  /**
   * CPC at lgK 11 has a lower stated standard error than HLL_4 at lgK 12 (0.693/√2048 = 1.53%
   * against 1.04/√4096 = 1.63%), so that is the equal-error comparison.
   */
  @ParameterizedTest
  @ValueSource(ints = {1_000, 100_000, 1_000_000})
  void cpcEstimatesFallWithinThreeStandardDeviationsAndAreSmallerThanHllAtEqualError(int distinct) {
    Random random = new Random(distinct);
    CpcSketch cpc = new CpcSketch(11);
    HllSketch hll = new HllSketch(12, TgtHllType.HLL_4);
    for (int i = 0; i < distinct; i++) {
      String user = "user-" + random.nextLong();
      cpc.update(user);
      hll.update(user);
    }
    assertThat((double) distinct).isBetween(cpc.getLowerBound(3), cpc.getUpperBound(3));
    int cpcBytes = cpc.toByteArray().length;
    int hllBytes = hll.toCompactByteArray().length;
    System.out.printf(
        "| %,d | CPC lgK 11: %.2f%%, %,d B | HLL_4 lgK 12: %.2f%%, %,d B | %.2f |%n",
        distinct,
        100 * Math.abs(cpc.getEstimate() - distinct) / distinct,
        cpcBytes,
        100 * Math.abs(hll.getEstimate() - distinct) / distinct,
        hllBytes,
        cpcBytes / (double) hllBytes);
    if (distinct >= 100_000) {
      assertThat(cpcBytes).isLessThanOrEqualTo((int) (0.65 * hllBytes));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {256, 1024})
  void frequentItemsBoundsContainTheTrueCounts(int maxMapSize) {
    Random random = new Random(maxMapSize);
    Map<String, Long> exact = new HashMap<>();
    ItemsSketch<String> sketch = new ItemsSketch<>(maxMapSize);
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      int rank = (int) Math.floor(Math.pow(10_000, random.nextDouble()));
      String page = "/product/" + rank;
      sketch.update(page);
      exact.merge(page, 1L, Long::sum);
    }
    ItemsSketch.Row<String>[] rows = sketch.getFrequentItems(ErrorType.NO_FALSE_POSITIVES);
    assertThat(rows).isNotEmpty();
    long worst = 0;
    for (ItemsSketch.Row<String> row : rows) {
      long truth = exact.get(row.getItem());
      assertThat(truth).isBetween(row.getLowerBound(), row.getUpperBound());
      worst = Math.max(worst, Math.abs(row.getEstimate() - truth));
    }
    assertThat(sketch.getMaximumError()).isLessThanOrEqualTo((long) (3.5 * n / maxMapSize));
    System.out.printf(
        "| %,d | %d items | worst error %,d | bound %,d (a priori %,d) |%n",
        maxMapSize,
        rows.length,
        worst,
        sketch.getMaximumError(),
        (long) ItemsSketch.getAprioriError(maxMapSize, n));
  }

  @ParameterizedTest
  @ValueSource(ints = {7, 11, 13})
  void reqRankErrorAtTheTailIsFarBelowKlls(int seed) {
    Random random = new Random(seed);
    int n = 1_000_000;
    float[] values = new float[n];
    ReqSketch req = ReqSketch.builder().setK(12).setHighRankAccuracy(true).build();
    KllFloatsSketch kll = KllFloatsSketch.newHeapInstance(200);
    for (int i = 0; i < n; i++) {
      values[i] = (float) Math.exp(4 + random.nextGaussian());
      req.update(values[i]);
      kll.update(values[i]);
    }
    Arrays.sort(values);
    double reqP999 =
        rankError(values, req.getQuantile(0.999, QuantileSearchCriteria.INCLUSIVE), 0.999);
    double kllP999 =
        rankError(values, kll.getQuantile(0.999, QuantileSearchCriteria.INCLUSIVE), 0.999);
    double reqP99 =
        rankError(values, req.getQuantile(0.99, QuantileSearchCriteria.INCLUSIVE), 0.99);
    double kllP99 =
        rankError(values, kll.getQuantile(0.99, QuantileSearchCriteria.INCLUSIVE), 0.99);
    System.out.printf(
        "| %d | REQ p99 %.5f p99.9 %.5f (%,d B) | KLL p99 %.5f p99.9 %.5f (%,d B) |%n",
        seed, reqP99, reqP999, req.toByteArray().length, kllP99, kllP999, kll.toByteArray().length);
    assertThat(reqP999).isLessThanOrEqualTo(0.0005);
    assertThat(reqP99).isLessThanOrEqualTo(0.002);
  }

  /** |true rank of the estimated quantile − the asked rank|, ranks inclusive. */
  private static double rankError(float[] sorted, float estimate, double rank) {
    int index = Arrays.binarySearch(sorted, Math.nextUp(estimate));
    int atOrBelow = index >= 0 ? index : -index - 1;
    while (atOrBelow < sorted.length && sorted[atOrBelow] <= estimate) {
      atOrBelow++;
    }
    while (atOrBelow > 0 && sorted[atOrBelow - 1] > estimate) {
      atOrBelow--;
    }
    return Math.abs(atOrBelow / (double) sorted.length - rank);
  }
}
