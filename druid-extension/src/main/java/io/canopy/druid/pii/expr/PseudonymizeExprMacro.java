package io.canopy.druid.pii.expr;

import com.google.inject.Inject;
import io.canopy.druid.pii.keys.PiiKeyRing;
import io.canopy.druid.pii.mask.Pseudonymizer;
import java.util.List;
import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.ExprEval;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.math.expr.ExpressionType;

/**
 * {@code pii_pseudonymize(expr, 'keyId')}: the keyed pseudonym of a value (see {@link
 * Pseudonymizer}). The key id must be a literal naming a key of the ring; an unknown id fails the
 * parse, so a spec or query naming it is refused before any row is read.
 */
public class PseudonymizeExprMacro implements ExprMacroTable.ExprMacro {
  public static final String NAME = "pii_pseudonymize";

  private final PiiKeyRing keyRing;

  @Inject
  public PseudonymizeExprMacro(PiiKeyRing keyRing) {
    this.keyRing = keyRing;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Expr apply(List<Expr> args) {
    PiiArgs.count(this, args, 2);
    String keyId = PiiArgs.string(this, args.get(1), "keyId (the second argument)");
    Pseudonymizer pseudonymizer;
    try {
      pseudonymizer = keyRing.pseudonymizer(keyId);
    } catch (IllegalArgumentException e) {
      throw PiiArgs.invalid(this, e.getMessage());
    }
    return new PiiFunctionExpr(
        this, args, ExpressionType.STRING, v -> ExprEval.of(pseudonymizer.pseudonymize(v)));
  }
}
