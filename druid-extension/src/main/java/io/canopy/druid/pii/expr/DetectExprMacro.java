package io.canopy.druid.pii.expr;

import io.canopy.druid.pii.detect.PiiDetector;
import io.canopy.druid.pii.detect.PiiType;
import java.util.List;
import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.ExprEval;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.math.expr.ExpressionType;

/**
 * {@code pii_detect(expr [, 'types'])}: the kinds of personal data found in a value, as an array of
 * type names ({@code ['email', 'ip']}), empty when none; for audits and leak detection, e.g. {@code
 * WHERE ARRAY_LENGTH(PII_DETECT(page)) > 0}.
 */
public class DetectExprMacro implements ExprMacroTable.ExprMacro {
  public static final String NAME = "pii_detect";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Expr apply(List<Expr> args) {
    PiiDetector detector = Detectors.fromArgs(this, args);
    return new PiiFunctionExpr(
        this,
        args,
        ExpressionType.STRING_ARRAY,
        v -> ExprEval.ofStringArray(detector.detect(v).stream().map(PiiType::id).toArray()));
  }
}
