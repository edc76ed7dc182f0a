package io.canopy.druid.sketch.items.sql;

import io.canopy.druid.sketch.items.FrequentItemsToTopKPostAggregator;
import io.canopy.druid.sketch.sql.SketchPostAggOperatorConversion;
import java.util.List;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.segment.column.ColumnType;
import org.apache.druid.sql.calcite.expression.OperatorConversions;
import org.apache.druid.sql.calcite.planner.Calcites;

/**
 * {@code FREQUENT_ITEMS_TOP_K(sketch [, k [, errorType]])}: the top rows as JSON; and {@code
 * FREQUENT_ITEMS_TOP_K_ITEMS(...)}: just the items, as a VARCHAR array.
 */
public class FrequentItemsTopKOperatorConversion extends SketchPostAggOperatorConversion {
  private final boolean itemsOnly;

  public FrequentItemsTopKOperatorConversion() {
    this(false);
  }

  protected FrequentItemsTopKOperatorConversion(boolean itemsOnly) {
    super(function(itemsOnly));
    this.itemsOnly = itemsOnly;
  }

  private static SqlFunction function(boolean itemsOnly) {
    OperatorConversions.OperatorBuilder<SqlFunction> builder =
        OperatorConversions.operatorBuilder(
                itemsOnly ? "FREQUENT_ITEMS_TOP_K_ITEMS" : "FREQUENT_ITEMS_TOP_K")
            .operandNames("sketch", "k", "errorType")
            .operandTypes(SqlTypeFamily.ANY, SqlTypeFamily.INTEGER, SqlTypeFamily.STRING)
            .requiredOperandCount(1)
            .literalOperands(1, 2);
    return itemsOnly
        ? builder.returnTypeArrayWithNullableElements(SqlTypeName.VARCHAR).build()
        : builder
            .returnTypeInference(
                Calcites.complexReturnTypeWithNullability(ColumnType.NESTED_DATA, false))
            .build();
  }

  @Override
  protected PostAggregator toPostAggregator(
      String name, List<PostAggregator> sketches, List<RexLiteral> literals) {
    Integer k = literals.isEmpty() ? null : literals.get(0).getValueAs(Integer.class);
    String errorType = literals.size() < 2 ? null : literals.get(1).getValueAs(String.class);
    return new FrequentItemsToTopKPostAggregator(name, sketches.get(0), k, errorType, itemsOnly);
  }

  /** The {@code FREQUENT_ITEMS_TOP_K_ITEMS} variant, registered as its own conversion. */
  public static class ItemsOnly extends FrequentItemsTopKOperatorConversion {
    public ItemsOnly() {
      super(true);
    }
  }
}
