package io.canopy.druid.sketch.req.sql;

import io.canopy.druid.sketch.req.ReqSketchQuantileExprMacro;
import io.canopy.druid.sketch.req.ReqSketchToQuantilePostAggregator;
import io.canopy.druid.sketch.sql.SketchPostAggOperatorConversion;
import java.util.List;
import org.apache.calcite.rex.RexLiteral;
import org.apache.druid.query.aggregation.PostAggregator;

/**
 * {@code REQ_SKETCH_QUANTILE(sketch, fraction)}: the value at that rank; also an expression ({@code
 * req_sketch_quantile}) over a stored sketch column.
 */
public class ReqSketchQuantileOperatorConversion extends SketchPostAggOperatorConversion {
  public ReqSketchQuantileOperatorConversion() {
    super(
        ReqSqlFunctions.sketchAndNumber("REQ_SKETCH_QUANTILE", "fraction"),
        ReqSketchQuantileExprMacro.NAME);
  }

  @Override
  protected PostAggregator toPostAggregator(
      String name, List<PostAggregator> sketches, List<RexLiteral> literals) {
    return new ReqSketchToQuantilePostAggregator(
        name, sketches.get(0), ReqSqlFunctions.number(literals.get(0)));
  }
}
