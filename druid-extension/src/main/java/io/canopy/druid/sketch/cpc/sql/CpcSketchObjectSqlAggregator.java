package io.canopy.druid.sketch.cpc.sql;

import io.canopy.druid.sketch.cpc.CpcSketchCodec;
import io.canopy.druid.sketch.sql.SketchObjectSqlAggregator;
import io.canopy.druid.sketch.sql.SketchSqlArguments;
import javax.annotation.Nullable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.druid.query.aggregation.AggregatorFactory;

/** {@code CPC_SKETCH(expr [, lgK])}: the CPC sketch itself, for the CPC_SKETCH_* functions. */
public class CpcSketchObjectSqlAggregator extends SketchObjectSqlAggregator {
  public static final String NAME = "CPC_SKETCH";

  public CpcSketchObjectSqlAggregator() {
    super(NAME, "lgK", SqlTypeFamily.NUMERIC, true, CpcSketchCodec.INSTANCE);
  }

  @Nullable
  @Override
  protected AggregatorFactory factory(
      String name, SketchSqlArguments.Input input, SketchSqlArguments arguments) {
    return CpcSketchSqlAggregators.factory(name, input, arguments, false, false);
  }
}
