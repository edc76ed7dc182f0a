package io.canopy.druid.sketch.cpc.sql;

import io.canopy.druid.sketch.cpc.CpcSketchAggregatorFactory;
import io.canopy.druid.sketch.cpc.CpcSketchCodec;
import io.canopy.druid.sketch.sql.SketchSqlAggregator;
import io.canopy.druid.sketch.sql.SketchSqlArguments;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.druid.query.aggregation.post.FinalizingFieldAccessPostAggregator;
import org.apache.druid.sql.calcite.aggregation.Aggregation;
import org.apache.druid.sql.calcite.expression.OperatorConversions;
import org.apache.druid.sql.calcite.planner.Calcites;

/**
 * {@code APPROX_COUNT_DISTINCT_CPC(expr [, lgK])}: distinct count of raw values or CPC sketches.
 */
public class CpcSketchApproxCountDistinctSqlAggregator extends SketchSqlAggregator {
  public static final String NAME = "APPROX_COUNT_DISTINCT_CPC";

  public CpcSketchApproxCountDistinctSqlAggregator() {
    super(
        OperatorConversions.aggregatorBuilder(NAME)
            .operandNames("expr", "lgK")
            .operandTypes(SqlTypeFamily.ANY, SqlTypeFamily.NUMERIC)
            .operandTypeInference(InferTypes.VARCHAR_1024)
            .requiredOperandCount(1)
            .literalOperands(1)
            .returnTypeNonNull(SqlTypeName.BIGINT)
            .functionCategory(SqlFunctionCategory.NUMERIC)
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
    String aggregatorName = finalizeAggregations ? Calcites.makePrefixedName(name, "a") : name;
    CpcSketchAggregatorFactory<?> factory =
        CpcSketchSqlAggregators.factory(aggregatorName, input, arguments, true, true);
    if (factory == null) {
      return null;
    }
    return Aggregation.create(
        List.of(factory),
        finalizeAggregations
            ? new FinalizingFieldAccessPostAggregator(name, aggregatorName)
            : null);
  }
}
