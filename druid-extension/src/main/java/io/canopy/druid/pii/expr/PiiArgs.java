package io.canopy.druid.pii.expr;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.druid.error.DruidException;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.NamedFunction;

/**
 * Checks a PII function's arguments at parse time, failing the parse (not a row) with Druid's
 * invalid-input error: a message naming the function and the argument, which Druid answers as a
 * {@code 400} to a query and shows as such in an ingestion spec. (Druid's own {@code
 * validationFailed} is an {@code IllegalArgumentException}, which its SQL layer answers as a {@code
 * 500}.)
 */
final class PiiArgs {
  private PiiArgs() {}

  /** The parse failure: {@code Function[pii_redact] <problem>}. */
  static DruidException invalid(NamedFunction fn, String problem) {
    return InvalidInput.exception("Function[%s] %s", fn.name(), problem);
  }

  /** Exactly one of the {@code counts} arguments: "requires 1 or 3 arguments". */
  static void count(NamedFunction fn, List<Expr> args, int... counts) {
    if (Arrays.stream(counts).noneMatch(c -> c == args.size())) {
      String list =
          Arrays.stream(counts).mapToObj(Integer::toString).collect(Collectors.joining(" or "));
      throw invalid(
          fn, "requires " + list + " argument" + (counts[counts.length - 1] == 1 ? "" : "s"));
    }
  }

  /** From {@code min} to {@code max} arguments: "requires 1 to 2 arguments". */
  static void range(NamedFunction fn, List<Expr> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw invalid(fn, "requires " + min + " to " + max + " arguments");
    }
  }

  static String string(NamedFunction fn, Expr arg, String name) {
    if (!arg.isLiteral() || !(arg.getLiteralValue() instanceof String s) || s.isEmpty()) {
      throw invalid(fn, name + " must be a non-empty string literal");
    }
    return s;
  }

  static int integer(NamedFunction fn, Expr arg, String name, int min, int max) {
    if (!arg.isLiteral() || !(arg.getLiteralValue() instanceof Number n)) {
      throw invalid(fn, name + " must be an integer literal");
    }
    long value = n.longValue();
    if (value != n.doubleValue() || value < min || value > max) {
      throw invalid(fn, name + " must be an integer from " + min + " to " + max + ", got " + n);
    }
    return (int) value;
  }
}
