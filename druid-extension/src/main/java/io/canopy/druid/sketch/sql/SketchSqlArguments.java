package io.canopy.druid.sketch.sql;

import java.util.List;
import javax.annotation.Nullable;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.druid.segment.column.ColumnType;
import org.apache.druid.segment.column.ValueType;
import org.apache.druid.sql.calcite.expression.DruidExpression;
import org.apache.druid.sql.calcite.expression.Expressions;
import org.apache.druid.sql.calcite.planner.Calcites;
import org.apache.druid.sql.calcite.planner.PlannerContext;
import org.apache.druid.sql.calcite.rel.InputAccessor;
import org.apache.druid.sql.calcite.rel.VirtualColumnRegistry;

/**
 * The arguments of a sketch SQL aggregator: the input (a column of raw values, an expression made
 * into a virtual column, or a column of stored sketches) and the literal parameters after it.
 */
public final class SketchSqlArguments {
  private final PlannerContext planner;
  private final InputAccessor inputs;
  private final List<Integer> arguments;

  public SketchSqlArguments(PlannerContext planner, InputAccessor inputs, AggregateCall call) {
    this.planner = planner;
    this.inputs = inputs;
    this.arguments = call.getArgList();
  }

  /** The aggregator's input column; null when the expression cannot be planned. */
  @Nullable
  public Input input(VirtualColumnRegistry virtualColumns, ColumnType sketchType) {
    RexNode node = inputs.getField(arguments.get(0));
    DruidExpression expression =
        Expressions.toDruidExpression(planner, inputs.getInputRowSignature(), node);
    if (expression == null) {
      return null;
    }
    RelDataType dataType = node.getType();
    ColumnType type = Calcites.getColumnTypeForRelDataType(dataType);
    boolean sketches = type != null && type.is(ValueType.COMPLEX) && sketchType.equals(type);
    if (expression.isDirectColumnAccess()) {
      return new Input(expression.getDirectColumn(), sketches);
    }
    return new Input(
        virtualColumns.getOrCreateVirtualColumnForExpression(expression, dataType), sketches);
  }

  /** True if the call has an argument at {@code index}. */
  public boolean has(int index) {
    return arguments.size() > index;
  }

  /** The literal at {@code index}, or null if the argument is not a literal (cannot plan). */
  @Nullable
  public RexLiteral literal(int index) {
    RexNode node = inputs.getField(arguments.get(index));
    return node.isA(SqlKind.LITERAL) ? (RexLiteral) node : null;
  }

  /** The integer literal at {@code index}, {@code fallback} if absent, null if not a literal. */
  @Nullable
  public Integer intLiteral(int index, int fallback) {
    if (!has(index)) {
      return fallback;
    }
    RexLiteral literal = literal(index);
    return literal == null ? null : ((Number) RexLiteral.value(literal)).intValue();
  }

  /** The numeric literal at {@code index} as a double; null if absent or not a literal. */
  @Nullable
  public Double doubleLiteral(int index) {
    if (!has(index)) {
      return null;
    }
    RexLiteral literal = literal(index);
    return literal == null ? null : ((Number) RexLiteral.value(literal)).doubleValue();
  }

  /** A resolved input: the column to read, and whether it holds sketches (merge) or raw values. */
  public static final class Input {
    private final String column;
    private final boolean sketches;

    Input(String column, boolean sketches) {
      this.column = column;
      this.sketches = sketches;
    }

    public String column() {
      return column;
    }

    public boolean holdsSketches() {
      return sketches;
    }
  }
}
