package io.canopy.druid.pii.bench;

import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.ExpressionType;

/** One string column {@code x} whose value the benchmark sets before each evaluation. */
final class StringBinding implements Expr.ObjectBinding {
  String value;

  @Override
  public Object get(String name) {
    return value;
  }

  @Override
  public ExpressionType getType(String name) {
    return ExpressionType.STRING;
  }
}
