package io.canopy.druid.sketch.items.sql;

import io.canopy.druid.sketch.items.FrequentItemsAggregatorFactory;
import io.canopy.druid.sketch.items.FrequentItemsBuildAggregatorFactory;
import io.canopy.druid.sketch.items.FrequentItemsCodec;
import io.canopy.druid.sketch.items.FrequentItemsMergeAggregatorFactory;
import io.canopy.druid.sketch.sql.SketchObjectSqlAggregator;
import io.canopy.druid.sketch.sql.SketchSqlArguments;
import javax.annotation.Nullable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.druid.query.aggregation.AggregatorFactory;

/**
 * {@code FREQUENT_ITEMS_SKETCH(expr [, maxMapSize])}: a Frequent Items sketch of raw values or
 * sketches.
 */
public class FrequentItemsObjectSqlAggregator extends SketchObjectSqlAggregator {
  public static final String NAME = "FREQUENT_ITEMS_SKETCH";

  public FrequentItemsObjectSqlAggregator() {
    super(NAME, "maxMapSize", SqlTypeFamily.NUMERIC, true, FrequentItemsCodec.INSTANCE);
  }

  @Nullable
  @Override
  protected AggregatorFactory factory(
      String name, SketchSqlArguments.Input input, SketchSqlArguments arguments) {
    Integer maxMapSize =
        arguments.intLiteral(1, FrequentItemsAggregatorFactory.DEFAULT_MAX_MAP_SIZE);
    if (maxMapSize == null) {
      return null;
    }
    return input.holdsSketches()
        ? new FrequentItemsMergeAggregatorFactory(name, input.column(), maxMapSize, false)
        : new FrequentItemsBuildAggregatorFactory(name, input.column(), null, maxMapSize, false);
  }
}
