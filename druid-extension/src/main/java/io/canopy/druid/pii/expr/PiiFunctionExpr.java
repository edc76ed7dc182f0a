package io.canopy.druid.pii.expr;

import java.util.List;
import java.util.function.Function;
import javax.annotation.Nullable;
import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.ExprEval;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.math.expr.ExpressionType;

/**
 * The expression every PII function compiles to: it evaluates its first argument as a string and
 * applies a function prepared once, at parse time, from the literal arguments (a key, a prefix
 * size, a detector). Null in, null out. Thread-safe when the function is.
 */
final class PiiFunctionExpr extends ExprMacroTable.BaseScalarMacroFunctionExpr {
  private final Function<String, ExprEval<?>> function;
  private final ExpressionType outputType;

  PiiFunctionExpr(
      ExprMacroTable.ExprMacro macro,
      List<Expr> args,
      ExpressionType outputType,
      Function<String, ExprEval<?>> function) {
    super(macro, args);
    this.function = function;
    this.outputType = outputType;
  }

  @Override
  public ExprEval<?> eval(ObjectBinding bindings) {
    String value = args.get(0).eval(bindings).asString();
    return value == null ? ExprEval.ofType(outputType, null) : function.apply(value);
  }

  @Nullable
  @Override
  public ExpressionType getOutputType(InputBindingInspector inspector) {
    return outputType;
  }
}
