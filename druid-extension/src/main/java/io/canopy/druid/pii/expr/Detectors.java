package io.canopy.druid.pii.expr;

import io.canopy.druid.pii.detect.PiiDetector;
import io.canopy.druid.pii.detect.PiiType;
import java.util.List;
import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.NamedFunction;

/** The detector a {@code (expr [, 'types'])} function asks for, built at parse time. */
final class Detectors {
  private Detectors() {}

  static PiiDetector fromArgs(NamedFunction fn, List<Expr> args) {
    PiiArgs.range(fn, args, 1, 2);
    if (args.size() == 1) {
      return PiiDetector.all();
    }
    String types = PiiArgs.string(fn, args.get(1), "types (the second argument)");
    try {
      return new PiiDetector(PiiType.parseList(types));
    } catch (IllegalArgumentException e) {
      throw PiiArgs.invalid(fn, e.getMessage());
    }
  }
}
