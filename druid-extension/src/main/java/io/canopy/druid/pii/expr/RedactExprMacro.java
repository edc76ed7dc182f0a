package io.canopy.druid.pii.expr;

import io.canopy.druid.pii.detect.PiiDetector;
import java.util.List;
import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.ExprEval;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.math.expr.ExpressionType;

/**
 * {@code pii_redact(expr [, 'types'])}: replaces every e-mail address, phone number, payment card,
 * IBAN, IP address and US SSN in free text by {@code [EMAIL]}, {@code [PHONE]}, … ; {@code types}
 * (a literal such as {@code 'email,card'}) limits the kinds. The detector is built once per
 * expression.
 */
public class RedactExprMacro implements ExprMacroTable.ExprMacro {
  public static final String NAME = "pii_redact";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Expr apply(List<Expr> args) {
    PiiDetector detector = Detectors.fromArgs(this, args);
    return new PiiFunctionExpr(
        this, args, ExpressionType.STRING, v -> ExprEval.of(detector.redact(v)));
  }
}
