package io.canopy.druid.sketch.req;

import io.canopy.druid.sketch.postagg.SketchPostAggregator;
import io.canopy.druid.sketch.serde.SketchCodec;
import java.util.Arrays;
import java.util.Comparator;
import javax.annotation.Nullable;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.apache.datasketches.req.ReqSketch;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.query.aggregation.PostAggregator;

/**
 * What the REQ post-aggregators share: they read one sketch, answer NaN for an empty or missing
 * one, and search inclusively (a value's rank counts the values equal to it).
 */
abstract class ReqSketchPostAggregator extends SketchPostAggregator<ReqSketch> {
  static final QuantileSearchCriteria SEARCH = QuantileSearchCriteria.INCLUSIVE;

  ReqSketchPostAggregator(@Nullable String name, @Nullable PostAggregator field) {
    super(name, field);
  }

  /** The answer for a non-empty sketch. */
  protected abstract Object computeNonEmpty(ReqSketch sketch);

  /** The answer when there are no values. */
  protected abstract Object empty();

  @Override
  protected SketchCodec<ReqSketch> codec() {
    return ReqSketchCodec.INSTANCE;
  }

  @Override
  protected final Object compute(@Nullable ReqSketch sketch) {
    return sketch == null || sketch.isEmpty() ? empty() : computeNonEmpty(sketch);
  }

  static double checkFraction(String name, double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw InvalidInput.exception(
          "Post-aggregator [%s]: a fraction must be from 0 to 1, not %s", name, fraction);
    }
    return fraction;
  }

  /** Split points must be finite and strictly increasing (DataSketches' rule), at least one. */
  static float[] checkSplitPoints(String name, @Nullable double[] splitPoints) {
    if (splitPoints == null || splitPoints.length == 0) {
      throw InvalidInput.exception("Post-aggregator [%s] needs [splitPoints]", name);
    }
    float[] points = new float[splitPoints.length];
    for (int i = 0; i < points.length; i++) {
      points[i] = (float) splitPoints[i];
      if (!Float.isFinite(points[i]) || (i > 0 && points[i] <= points[i - 1])) {
        throw InvalidInput.exception(
            "Post-aggregator [%s]: [splitPoints] must be finite and strictly increasing, got %s",
            name, Arrays.toString(splitPoints));
      }
    }
    return points;
  }

  static double[] filled(int length, double value) {
    double[] values = new double[length];
    Arrays.fill(values, value);
    return values;
  }

  static Comparator<Object> doubleComparator() {
    return Comparator.nullsFirst(
        Comparator.comparingDouble(value -> ((Number) value).doubleValue()));
  }
}
