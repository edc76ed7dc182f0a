package io.canopy.druid.sketch.req.sql;

import io.canopy.druid.sketch.req.ReqSketchAggregatorFactory;
import io.canopy.druid.sketch.req.ReqSketchBuildAggregatorFactory;
import io.canopy.druid.sketch.req.ReqSketchMergeAggregatorFactory;
import io.canopy.druid.sketch.sql.SketchSqlArguments;
import javax.annotation.Nullable;

/** How the REQ SQL aggregators turn their arguments into a build or merge aggregator. */
final class ReqSketchSqlAggregators {
  private ReqSketchSqlAggregators() {}

  /** The sketch aggregator with {@code k} from argument {@code kIndex}; null if not a literal. */
  @Nullable
  static ReqSketchAggregatorFactory<?> factory(
      String name, SketchSqlArguments.Input input, SketchSqlArguments arguments, int kIndex) {
    Integer k = arguments.intLiteral(kIndex, ReqSketchAggregatorFactory.DEFAULT_K);
    if (k == null) {
      return null;
    }
    return input.holdsSketches()
        ? new ReqSketchMergeAggregatorFactory(name, input.column(), k, null, false)
        : new ReqSketchBuildAggregatorFactory(name, input.column(), k, null, false);
  }
}
