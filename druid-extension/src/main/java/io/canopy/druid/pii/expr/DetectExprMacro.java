package io.canopy.druid.pii.expr;

import io.canopy.druid.pii.detect.PiiType;
import org.apache.druid.math.expr.ExprEval;
import org.apache.druid.math.expr.ExpressionType;

/**
 * {@code pii_detect(expr [, 'types'])}: the kinds of personal data found in a value, as an array of
 * type names ({@code ['email', 'ip']}), empty when none; for audits and leak detection, e.g. {@code
 * WHERE ARRAY_LENGTH(PII_DETECT(page)) > 0}.
 */
public class DetectExprMacro extends DetectorExprMacro {
  public static final String NAME = "pii_detect";

  public DetectExprMacro() {
    super(
        NAME,
        ExpressionType.STRING_ARRAY,
        (detector, v) ->
            ExprEval.ofStringArray(detector.detect(v).stream().map(PiiType::id).toArray()));
  }
}
