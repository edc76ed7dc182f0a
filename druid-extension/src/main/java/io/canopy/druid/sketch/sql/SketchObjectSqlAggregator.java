package io.canopy.druid.sketch.sql;

import io.canopy.druid.sketch.serde.SketchCodec;
import javax.annotation.Nullable;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.sql.calcite.aggregation.Aggregation;
import org.apache.druid.sql.calcite.expression.OperatorConversions;
import org.apache.druid.sql.calcite.planner.Calcites;

/**
 * {@code FN(expr [, parameter])}: the sketch itself, of raw values or of stored sketches, for the
 * functions that read a sketch ({@code CPC_SKETCH}, {@code REQ_SKETCH}, {@code
 * FREQUENT_ITEMS_SKETCH}). {@code parameter} must be a literal.
 */
public abstract class SketchObjectSqlAggregator extends SketchSqlAggregator {
  /**
   * @param stringInput whether untyped input is read as text (distinct counts, items) rather than
   *     as numbers (quantiles)
   */
  protected SketchObjectSqlAggregator(
      String name,
      String parameter,
      SqlTypeFamily parameterType,
      boolean stringInput,
      SketchCodec<?> codec) {
    super(function(name, parameter, parameterType, stringInput, codec), codec.columnType());
  }

  private static SqlAggFunction function(
      String name,
      String parameter,
      SqlTypeFamily parameterType,
      boolean stringInput,
      SketchCodec<?> codec) {
    OperatorConversions.OperatorBuilder<SqlAggFunction> builder =
        OperatorConversions.aggregatorBuilder(name)
            .operandNames("expr", parameter)
            .operandTypes(SqlTypeFamily.ANY, parameterType)
            .requiredOperandCount(1)
            .literalOperands(1)
            .returnTypeInference(
                Calcites.complexReturnTypeWithNullability(codec.columnType(), false))
            .functionCategory(SqlFunctionCategory.USER_DEFINED_FUNCTION);
    if (stringInput) {
      builder.operandTypeInference(InferTypes.VARCHAR_1024);
    }
    return builder.build();
  }

  /** The factory that builds or merges the sketch; null when the arguments cannot be planned. */
  @Nullable
  protected abstract AggregatorFactory factory(
      String name, SketchSqlArguments.Input input, SketchSqlArguments arguments);

  @Nullable
  @Override
  protected final Aggregation toAggregation(
      String name,
      SketchSqlArguments.Input input,
      SketchSqlArguments arguments,
      boolean finalizeAggregations) {
    AggregatorFactory factory = factory(name, input, arguments);
    return factory == null ? null : Aggregation.create(factory);
  }
}
