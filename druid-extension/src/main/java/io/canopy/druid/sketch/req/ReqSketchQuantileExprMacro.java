package io.canopy.druid.sketch.req;

import io.canopy.druid.sketch.expr.SketchExprMacro;
import java.util.List;
import org.apache.druid.query.aggregation.PostAggregator;

/**
 * {@code req_sketch_quantile(sketch, fraction)}: the value at that rank of a REQ sketch, per row;
 * NaN for none. SQL's {@code REQ_SKETCH_QUANTILE} plans to it over a stored sketch column and to a
 * post-aggregator over an aggregated one.
 */
public class ReqSketchQuantileExprMacro extends SketchExprMacro {
  public static final String NAME = "req_sketch_quantile";

  public ReqSketchQuantileExprMacro() {
    super(NAME, 2, 2);
  }

  @Override
  protected PostAggregator postAggregator(
      String name, PostAggregator sketch, List<Object> literals) {
    return new ReqSketchToQuantilePostAggregator(
        name, sketch, number(literals.get(0), "fraction (the second argument)"));
  }
}
