package io.canopy.druid.sketch.cpc.sql;

import io.canopy.druid.sketch.cpc.CpcSketchAggregatorFactory;
import io.canopy.druid.sketch.cpc.CpcSketchCodec;
import io.canopy.druid.sketch.sql.SketchSqlAggregator;
import io.canopy.druid.sketch.sql.SketchSqlArguments;
import javax.annotation.Nullable;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.druid.sql.calcite.aggregation.Aggregation;
import org.apache.druid.sql.calcite.expression.OperatorConversions;
import org.apache.druid.sql.calcite.planner.Calcites;

/** {@code CPC_SKETCH(expr [, lgK])}: the CPC sketch itself, for the CPC_SKETCH_* functions. */
public class CpcSketchObjectSqlAggregator extends SketchSqlAggregator {
  public static final String NAME = "CPC_SKETCH";

  public CpcSketchObjectSqlAggregator() {
    super(
        OperatorConversions.aggregatorBuilder(NAME)
            .operandNames("expr", "lgK")
            .operandTypes(SqlTypeFamily.ANY, SqlTypeFamily.NUMERIC)
            .operandTypeInference(InferTypes.VARCHAR_1024)
            .requiredOperandCount(1)
            .literalOperands(1)
            .returnTypeInference(
                Calcites.complexReturnTypeWithNullability(
                    CpcSketchCodec.INSTANCE.columnType(), false))
            .functionCategory(SqlFunctionCategory.USER_DEFINED_FUNCTION)
            .build(),
        CpcSketchCodec.INSTANCE.columnType());
  }

  @Nullable
  @Override
  protected Aggregation toAggregation(
      String name,
      SketchSqlArguments.Input input,
      SketchSqlArguments arguments,
      boolean finalizeAggregations) {
    CpcSketchAggregatorFactory<?> factory =
        CpcSketchSqlAggregators.factory(name, input, arguments, false, false);
    return factory == null ? null : Aggregation.create(factory);
  }
}
