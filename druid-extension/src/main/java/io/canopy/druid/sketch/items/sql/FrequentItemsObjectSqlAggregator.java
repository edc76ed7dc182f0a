package io.canopy.druid.sketch.items.sql;

import io.canopy.druid.sketch.items.FrequentItemsAggregatorFactory;
import io.canopy.druid.sketch.items.FrequentItemsBuildAggregatorFactory;
import io.canopy.druid.sketch.items.FrequentItemsCodec;
import io.canopy.druid.sketch.items.FrequentItemsMergeAggregatorFactory;
import io.canopy.druid.sketch.sql.SketchSqlAggregator;
import io.canopy.druid.sketch.sql.SketchSqlArguments;
import javax.annotation.Nullable;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.druid.sql.calcite.aggregation.Aggregation;
import org.apache.druid.sql.calcite.expression.OperatorConversions;
import org.apache.druid.sql.calcite.planner.Calcites;

/**
 * {@code FREQUENT_ITEMS_SKETCH(expr [, maxMapSize])}: a Frequent Items sketch of raw values or
 * sketches.
 */
public class FrequentItemsObjectSqlAggregator extends SketchSqlAggregator {
  public static final String NAME = "FREQUENT_ITEMS_SKETCH";

  public FrequentItemsObjectSqlAggregator() {
    super(
        OperatorConversions.aggregatorBuilder(NAME)
            .operandNames("expr", "maxMapSize")
            .operandTypes(SqlTypeFamily.ANY, SqlTypeFamily.NUMERIC)
            .operandTypeInference(InferTypes.VARCHAR_1024)
            .requiredOperandCount(1)
            .literalOperands(1)
            .returnTypeInference(
                Calcites.complexReturnTypeWithNullability(
                    FrequentItemsCodec.INSTANCE.columnType(), false))
            .functionCategory(SqlFunctionCategory.USER_DEFINED_FUNCTION)
            .build(),
        FrequentItemsCodec.INSTANCE.columnType());
  }

  @Nullable
  @Override
  protected Aggregation toAggregation(
      String name,
      SketchSqlArguments.Input input,
      SketchSqlArguments arguments,
      boolean finalizeAggregations) {
    Integer maxMapSize =
        arguments.intLiteral(1, FrequentItemsAggregatorFactory.DEFAULT_MAX_MAP_SIZE);
    if (maxMapSize == null) {
      return null;
    }
    return Aggregation.create(
        input.holdsSketches()
            ? new FrequentItemsMergeAggregatorFactory(name, input.column(), maxMapSize, false)
            : new FrequentItemsBuildAggregatorFactory(
                name, input.column(), null, maxMapSize, false));
  }
}
