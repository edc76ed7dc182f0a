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
 * A SQL function over a sketch: {@code FN(sketch, literal, ...)}. Over an aggregated sketch it
 * plans to a post-aggregator: the first operand is an aggregate yielding a sketch, the rest must be
 * literals. A function with an expression form (a Druid expression macro of that name, as Druid's
 * {@code hll_sketch_estimate}) also works on a stored sketch column row by row, and so inside other
 * expressions and in filters.
 */
public abstract class SketchPostAggOperatorConversion implements SqlOperatorConversion {
  private final SqlFunction function;
  @Nullable private final String expressionName;

  /** A function with no expression form: it works only on aggregated sketches. */
  protected SketchPostAggOperatorConversion(SqlFunction function) {
    this(function, null);
  }

  /**
   * @param expressionName the Druid expression macro that computes the same per row
   */
  protected SketchPostAggOperatorConversion(SqlFunction function, @Nullable String expressionName) {
    this.function = function;
    this.expressionName = expressionName;
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
    return expressionName == null
        ? null
        : OperatorConversions.convertDirectCall(
            plannerContext, rowSignature, rexNode, expressionName);
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
