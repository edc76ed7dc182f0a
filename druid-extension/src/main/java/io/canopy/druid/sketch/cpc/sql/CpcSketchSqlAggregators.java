package io.canopy.druid.sketch.cpc.sql;

import io.canopy.druid.sketch.cpc.CpcSketchAggregatorFactory;
import io.canopy.druid.sketch.cpc.CpcSketchBuildAggregatorFactory;
import io.canopy.druid.sketch.cpc.CpcSketchMergeAggregatorFactory;
import io.canopy.druid.sketch.sql.SketchSqlArguments;
import javax.annotation.Nullable;

/** How the CPC SQL aggregators turn their arguments into a build or merge aggregator. */
final class CpcSketchSqlAggregators {
  private CpcSketchSqlAggregators() {}

  /** The aggregator for {@code FN(expr [, lgK])}; null if lgK is not a literal. */
  @Nullable
  static CpcSketchAggregatorFactory<?> factory(
      String name,
      SketchSqlArguments.Input input,
      SketchSqlArguments arguments,
      boolean shouldFinalize,
      boolean round) {
    Integer lgK = arguments.intLiteral(1, CpcSketchAggregatorFactory.DEFAULT_LG_K);
    if (lgK == null) {
      return null;
    }
    return input.holdsSketches()
        ? new CpcSketchMergeAggregatorFactory(name, input.column(), lgK, shouldFinalize, round)
        : new CpcSketchBuildAggregatorFactory(name, input.column(), lgK, shouldFinalize, round);
  }
}
