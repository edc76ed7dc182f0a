package io.canopy.druid.sketch.req.sql;

import io.canopy.druid.sketch.req.ReqSketchToCDFPostAggregator;
import io.canopy.druid.sketch.sql.SketchPostAggOperatorConversion;
import java.util.List;
import org.apache.calcite.rex.RexLiteral;
import org.apache.druid.query.aggregation.PostAggregator;

/**
 * {@code REQ_SKETCH_CDF(sketch, splitPoint [, ...])}: the fraction of values at or below each split
 * point, and 1.
 */
public class ReqSketchCdfOperatorConversion extends SketchPostAggOperatorConversion {
  public ReqSketchCdfOperatorConversion() {
    super(ReqSqlFunctions.sketchAndSplitPoints("REQ_SKETCH_CDF"));
  }

  @Override
  protected PostAggregator toPostAggregator(
      String name, List<PostAggregator> sketches, List<RexLiteral> literals) {
    return new ReqSketchToCDFPostAggregator(
        name, sketches.get(0), ReqSqlFunctions.numbers(literals));
  }
}
