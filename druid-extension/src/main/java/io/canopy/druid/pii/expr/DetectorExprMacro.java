package io.canopy.druid.pii.expr;

import io.canopy.druid.pii.detect.PiiDetector;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.ExprEval;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.math.expr.ExpressionType;

/**
 * A function of a value and the detector its optional {@code 'types'} argument asks for: {@code
 * name(expr [, 'types'])}. The detector is built once, when the expression is parsed.
 */
abstract class DetectorExprMacro implements ExprMacroTable.ExprMacro {
  private final String name;
  private final ExpressionType outputType;
  private final BiFunction<PiiDetector, String, ExprEval<?>> function;

  DetectorExprMacro(
      String name,
      ExpressionType outputType,
      BiFunction<PiiDetector, String, ExprEval<?>> function) {
    this.name = name;
    this.outputType = outputType;
    this.function = function;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Expr apply(List<Expr> args) {
    PiiDetector detector = Detectors.fromArgs(this, args);
    return new PiiFunctionExpr(this, args, outputType, v -> function.apply(detector, v));
  }
}
