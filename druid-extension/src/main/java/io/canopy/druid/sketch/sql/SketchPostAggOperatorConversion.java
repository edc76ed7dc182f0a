package io.canopy.druid.sketch.sql;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.segment.column.RowSignature;
import org.apache.druid.sql.calcite.expression.DruidExpression;
import org.apache.druid.sql.calcite.expression.OperatorConversions;
import org.apache.druid.sql.calcite.expression.PostAggregatorVisitor;
import org.apache.druid.sql.calcite.expression.SqlOperatorConversion;
import org.apache.druid.sql.calcite.planner.PlannerContext;

/**
 * A SQL function over a sketch that plans to a post-aggregator: {@code FN(sketch, literal, ...)}.
 * The first operand is an aggregate yielding a sketch; the rest must be literals. Such functions
 * have no expression form, so they work only on aggregated sketches (as Druid's own do).
 */
public abstract class SketchPostAggOperatorConversion implements SqlOperatorConversion {
  private final SqlFunction function;

  protected SketchPostAggOperatorConversion(SqlFunction function) {
    this.function = function;
  }

  /** The post-aggregator for the sketch operand(s) and the literal operands that follow them. */
  @Nullable
  protected abstract PostAggregator toPostAggregator(
      String name, List<PostAggregator> sketches, List<RexLiteral> literals);

  /** Whether the operand at {@code index} yields a sketch; by default only the first does. */
  protected boolean isSketchOperand(int index, RexNode operand) {
    return index == 0;
  }

  @Override
  public SqlOperator calciteOperator() {
    return function;
  }

  @Nullable
  @Override
  public DruidExpression toDruidExpression(
      PlannerContext plannerContext, RowSignature rowSignature, RexNode rexNode) {
    return null;
  }

  @Nullable
  @Override
  public PostAggregator toPostAggregator(
      PlannerContext plannerContext,
      RowSignature rowSignature,
      RexNode rexNode,
      PostAggregatorVisitor visitor) {
    List<RexNode> operands = ((RexCall) rexNode).getOperands();
    List<PostAggregator> sketches = new ArrayList<>();
    List<RexLiteral> literals = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      RexNode operand = operands.get(i);
      if (isSketchOperand(i, operand)) {
        PostAggregator sketch =
            OperatorConversions.toPostAggregator(
                plannerContext, rowSignature, operand, visitor, true);
        if (sketch == null) {
          return null;
        }
        sketches.add(sketch);
      } else if (operand.isA(SqlKind.LITERAL)) {
        literals.add((RexLiteral) operand);
      } else {
        return null;
      }
    }
    String name = visitor.getOutputNamePrefix() + visitor.getAndIncrementCounter();
    return toPostAggregator(name, sketches, literals);
  }
}
