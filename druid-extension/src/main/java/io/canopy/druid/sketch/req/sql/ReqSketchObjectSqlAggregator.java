package io.canopy.druid.sketch.req.sql;

import io.canopy.druid.sketch.req.ReqSketchCodec;
import io.canopy.druid.sketch.sql.SketchObjectSqlAggregator;
import io.canopy.druid.sketch.sql.SketchSqlArguments;
import javax.annotation.Nullable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.druid.query.aggregation.AggregatorFactory;

/** {@code REQ_SKETCH(expr [, k])}: a REQ sketch of numbers or of stored REQ sketches. */
public class ReqSketchObjectSqlAggregator extends SketchObjectSqlAggregator {
  public static final String NAME = "REQ_SKETCH";

  public ReqSketchObjectSqlAggregator() {
    super(NAME, "k", SqlTypeFamily.EXACT_NUMERIC, false, ReqSketchCodec.INSTANCE);
  }

  @Nullable
  @Override
  protected AggregatorFactory factory(
      String name, SketchSqlArguments.Input input, SketchSqlArguments arguments) {
    return ReqSketchSqlAggregators.factory(name, input, arguments, 1);
  }
}
