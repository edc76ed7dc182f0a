package io.canopy.druid.pii.bench;

import io.canopy.druid.pii.expr.PseudonymizeExprMacro;
import io.canopy.druid.pii.keys.PiiKeyRing;
import io.canopy.druid.pii.mask.Pseudonymizer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.math.expr.Parser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pseudonyms per second on one thread (goal: at least 1M values/s per core), directly and through
 * Druid's expression evaluation of {@code pii_pseudonymize(x, 'k1')}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PiiPseudonymizeBenchmark {
  private static final int VALUES = 4096;

  private final String[] userIds = new String[VALUES];
  private final StringBinding binding = new StringBinding();
  private Pseudonymizer pseudonymizer;
  private Expr expression;
  private int next;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    for (int i = 0; i < VALUES; i++) {
      userIds[i] = "user-" + (100_000 + random.nextInt(900_000)) + "@example.com";
    }
    PiiKeyRing keys = new PiiKeyRing(Map.of("k1", "0123456789abcdef0123456789abcdef"));
    pseudonymizer = keys.pseudonymizer("k1");
    expression =
        Parser.parse(
            "pii_pseudonymize(x, 'k1')",
            new ExprMacroTable(List.of(new PseudonymizeExprMacro(keys))));
  }

  @Benchmark
  public String pseudonymize() {
    return pseudonymizer.pseudonymize(userIds[next++ & (VALUES - 1)]);
  }

  @Benchmark
  public Object pseudonymizeExpression() {
    binding.value = userIds[next++ & (VALUES - 1)];
    return expression.eval(binding).value();
  }
}
