package io.canopy.druid.sketch.req.sql;

import io.canopy.druid.sketch.req.ReqSketchToRankPostAggregator;
import io.canopy.druid.sketch.sql.SketchPostAggOperatorConversion;
import java.util.List;
import org.apache.calcite.rex.RexLiteral;
import org.apache.druid.query.aggregation.PostAggregator;

/** {@code REQ_SKETCH_RANK(sketch, value)}: the fraction of values at or below it. */
public class ReqSketchRankOperatorConversion extends SketchPostAggOperatorConversion {
  public ReqSketchRankOperatorConversion() {
    super(ReqSqlFunctions.sketchAndNumber("REQ_SKETCH_RANK", "value"));
  }

  @Override
  protected PostAggregator toPostAggregator(
      String name, List<PostAggregator> sketches, List<RexLiteral> literals) {
    return new ReqSketchToRankPostAggregator(
        name, sketches.get(0), ReqSqlFunctions.number(literals.get(0)));
  }
}
