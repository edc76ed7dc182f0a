package io.canopy.druid.sketch.req.sql;

import io.canopy.druid.sketch.req.ReqSketchToHistogramPostAggregator;
import io.canopy.druid.sketch.sql.SketchPostAggOperatorConversion;
import java.util.List;
import org.apache.calcite.rex.RexLiteral;
import org.apache.druid.query.aggregation.PostAggregator;

/**
 * {@code REQ_SKETCH_HISTOGRAM(sketch, splitPoint [, ...])}: the estimated number of values in each
 * bin.
 */
public class ReqSketchHistogramOperatorConversion extends SketchPostAggOperatorConversion {
  public ReqSketchHistogramOperatorConversion() {
    super(ReqSqlFunctions.sketchAndSplitPoints("REQ_SKETCH_HISTOGRAM"));
  }

  @Override
  protected PostAggregator toPostAggregator(
      String name, List<PostAggregator> sketches, List<RexLiteral> literals) {
    return new ReqSketchToHistogramPostAggregator(
        name, sketches.get(0), ReqSqlFunctions.numbers(literals));
  }
}
