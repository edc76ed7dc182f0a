package io.canopy.druid.pii.expr;

import org.apache.druid.math.expr.ExprEval;
import org.apache.druid.math.expr.ExpressionType;

/**
 * {@code pii_redact(expr [, 'types'])}: replaces every e-mail address, phone number, payment card,
 * IBAN, IP address and US SSN in free text by {@code [EMAIL]}, {@code [PHONE]}, … ; {@code types}
 * (a literal such as {@code 'email,card'}) limits the kinds. The detector is built once per
 * expression.
 */
public class RedactExprMacro extends DetectorExprMacro {
  public static final String NAME = "pii_redact";

  public RedactExprMacro() {
    super(NAME, ExpressionType.STRING, (detector, v) -> ExprEval.of(detector.redact(v)));
  }
}
