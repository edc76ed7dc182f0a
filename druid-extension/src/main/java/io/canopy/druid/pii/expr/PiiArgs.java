package io.canopy.druid.pii.expr;

import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.NamedFunction;

/**
 * Reads the literal arguments of a PII function at parse time, failing the parse (not a row) with a
 * message naming the function and the argument.
 */
final class LiteralArgs {
  private LiteralArgs() {}

  static String string(NamedFunction fn, Expr arg, String name) {
    if (!arg.isLiteral() || !(arg.getLiteralValue() instanceof String s) || s.isEmpty()) {
      throw fn.validationFailed("%s must be a non-empty string literal", name);
    }
    return s;
  }

  static int integer(NamedFunction fn, Expr arg, String name, int min, int max) {
    if (!arg.isLiteral() || !(arg.getLiteralValue() instanceof Number n)) {
      throw fn.validationFailed("%s must be an integer literal", name);
    }
    long value = n.longValue();
    if (value != n.doubleValue() || value < min || value > max) {
      throw fn.validationFailed("%s must be an integer from %d to %d, got %s", name, min, max, n);
    }
    return (int) value;
  }
}
