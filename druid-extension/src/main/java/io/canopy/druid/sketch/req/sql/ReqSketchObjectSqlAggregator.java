package io.canopy.druid.sketch.req.sql;

import io.canopy.druid.sketch.req.ReqSketchAggregatorFactory;
import io.canopy.druid.sketch.req.ReqSketchCodec;
import io.canopy.druid.sketch.sql.SketchSqlAggregator;
import io.canopy.druid.sketch.sql.SketchSqlArguments;
import javax.annotation.Nullable;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.druid.sql.calcite.aggregation.Aggregation;
import org.apache.druid.sql.calcite.expression.OperatorConversions;
import org.apache.druid.sql.calcite.planner.Calcites;

/** {@code REQ_SKETCH(expr [, k])}: a REQ sketch of numbers or of stored REQ sketches. */
public class ReqSketchObjectSqlAggregator extends SketchSqlAggregator {
  public static final String NAME = "REQ_SKETCH";

  public ReqSketchObjectSqlAggregator() {
    super(
        OperatorConversions.aggregatorBuilder(NAME)
            .operandNames("expr", "k")
            .operandTypes(SqlTypeFamily.ANY, SqlTypeFamily.EXACT_NUMERIC)
            .requiredOperandCount(1)
            .literalOperands(1)
            .returnTypeInference(
                Calcites.complexReturnTypeWithNullability(
                    ReqSketchCodec.INSTANCE.columnType(), false))
            .functionCategory(SqlFunctionCategory.USER_DEFINED_FUNCTION)
            .build(),
        ReqSketchCodec.INSTANCE.columnType());
  }

  @Nullable
  @Override
  protected Aggregation toAggregation(
      String name,
      SketchSqlArguments.Input input,
      SketchSqlArguments arguments,
      boolean finalizeAggregations) {
    ReqSketchAggregatorFactory<?> factory =
        ReqSketchSqlAggregators.factory(name, input, arguments, 1);
    return factory == null ? null : Aggregation.create(factory);
  }
}
