package io.canopy.druid.pii.expr;

import io.canopy.druid.pii.mask.EmailMask;
import java.util.List;
import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.ExprEval;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.math.expr.ExpressionType;

/**
 * {@code pii_mask_email(expr)}: {@code jane@example.com} becomes {@code ***@example.com} (see
 * {@link EmailMask}); a value that is not an e-mail address becomes null.
 */
public class MaskEmailExprMacro implements ExprMacroTable.ExprMacro {
  public static final String NAME = "pii_mask_email";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Expr apply(List<Expr> args) {
    PiiArgs.count(this, args, 1);
    return new PiiFunctionExpr(
        this, args, ExpressionType.STRING, v -> ExprEval.of(EmailMask.mask(v)));
  }
}
