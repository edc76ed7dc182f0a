package io.canopy.druid.sketch.sql;

import java.util.List;
import javax.annotation.Nullable;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.druid.segment.column.ColumnType;
import org.apache.druid.sql.calcite.aggregation.Aggregation;
import org.apache.druid.sql.calcite.aggregation.SqlAggregator;
import org.apache.druid.sql.calcite.planner.PlannerContext;
import org.apache.druid.sql.calcite.rel.InputAccessor;
import org.apache.druid.sql.calcite.rel.VirtualColumnRegistry;

/**
 * A sketch SQL aggregator: resolves its first argument to a raw column (build) or a column of
 * stored {@code sketchType} sketches (merge), then lets the subclass make the aggregation. Planning
 * returns null (Druid reports "cannot plan") when an argument that must be a literal is not one.
 */
public abstract class SketchSqlAggregator implements SqlAggregator {
  private final SqlAggFunction function;
  private final ColumnType sketchType;

  protected SketchSqlAggregator(SqlAggFunction function, ColumnType sketchType) {
    this.function = function;
    this.sketchType = sketchType;
  }

  @Nullable
  protected abstract Aggregation toAggregation(
      String name,
      SketchSqlArguments.Input input,
      SketchSqlArguments arguments,
      boolean finalizeAggregations);

  @Override
  public SqlAggFunction calciteFunction() {
    return function;
  }

  @Nullable
  @Override
  public Aggregation toDruidAggregation(
      PlannerContext plannerContext,
      VirtualColumnRegistry virtualColumnRegistry,
      String name,
      AggregateCall aggregateCall,
      InputAccessor inputAccessor,
      List<Aggregation> existingAggregations,
      boolean finalizeAggregations) {
    SketchSqlArguments arguments =
        new SketchSqlArguments(plannerContext, inputAccessor, aggregateCall);
    SketchSqlArguments.Input input = arguments.input(virtualColumnRegistry, sketchType);
    return input == null ? null : toAggregation(name, input, arguments, finalizeAggregations);
  }
}
