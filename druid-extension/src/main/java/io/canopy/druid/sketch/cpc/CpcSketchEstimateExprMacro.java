package io.canopy.druid.sketch.cpc;

import io.canopy.druid.sketch.expr.SketchExprMacro;
import java.util.List;
import org.apache.druid.query.aggregation.PostAggregator;

/**
 * {@code cpc_sketch_estimate(sketch [, round])}: the distinct count of a CPC sketch, per row; 0 for
 * none. SQL's {@code CPC_SKETCH_ESTIMATE} plans to it over a stored sketch column ({@code WHERE
 * CPC_SKETCH_ESTIMATE(users_cpc) > 1}) and to a post-aggregator over an aggregated one.
 */
public class CpcSketchEstimateExprMacro extends SketchExprMacro {
  public static final String NAME = "cpc_sketch_estimate";

  public CpcSketchEstimateExprMacro() {
    super(NAME, 1, 2);
  }

  @Override
  protected PostAggregator postAggregator(
      String name, PostAggregator sketch, List<Object> literals) {
    return new CpcSketchToEstimatePostAggregator(
        name, sketch, !literals.isEmpty() && bool(literals.get(0)));
  }
}
