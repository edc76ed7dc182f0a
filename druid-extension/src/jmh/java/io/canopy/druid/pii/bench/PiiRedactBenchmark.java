package io.canopy.druid.pii.bench;

import io.canopy.druid.pii.expr.RedactExprMacro;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.math.expr.Parser;
import org.apache.druid.query.expression.RegexpReplaceExprMacro;
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
 * {@code pii_redact} on ~200-byte strings (a quarter of them carry an e-mail address or a card
 * number) next to Druid's own {@code regexp_replace} with one e-mail pattern, both evaluated as
 * Druid expressions. Nanoseconds per string.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PiiRedactBenchmark {
  private static final int VALUES = 1024;
  private static final String EMAIL_PATTERN =
      "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\\\.[A-Za-z]{2,}";

  private final String[] texts = new String[VALUES];
  private final StringBinding binding = new StringBinding();
  private Expr redactAll;
  private Expr redactEmail;
  private Expr regexpReplaceEmail;
  private int next;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    String[] base = {
      "/products/outdoor/tents/ultralight-2-person?utm_source=newsletter&utm_campaign=autumn",
      "https://www.example.com/blog/2026/11/how-we-cut-query-latency-with-rollups-and-sketches",
      "User opened the pricing page from the mobile app after the onboarding email reminder",
      "Checkout step 3 of 4: shipping address confirmed, delivery window Tuesday 10:00-12:00",
    };
    for (int i = 0; i < VALUES; i++) {
      StringBuilder text = new StringBuilder(base[random.nextInt(base.length)]);
      switch (random.nextInt(8)) {
        case 0 -> text.append(" contact jane.doe").append(i).append("@example.com");
        case 1 -> text.append(" card 4111 1111 1111 1111");
        default -> text.append(" order ").append(100_000 + random.nextInt(900_000));
      }
      while (text.length() < 200) {
        text.append(" ref ").append(random.nextInt(10_000));
      }
      texts[i] = text.substring(0, 200);
    }
    ExprMacroTable macros =
        new ExprMacroTable(List.of(new RedactExprMacro(), new RegexpReplaceExprMacro()));
    redactAll = Parser.parse("pii_redact(x)", macros);
    redactEmail = Parser.parse("pii_redact(x, 'email')", macros);
    regexpReplaceEmail =
        Parser.parse("regexp_replace(x, '" + EMAIL_PATTERN + "', '[EMAIL]')", macros);
    for (Expr expr : List.of(redactAll, redactEmail, regexpReplaceEmail)) {
      binding.value = "mail jane@example.com";
      if (!"mail [EMAIL]".equals(expr.eval(binding).value())) {
        throw new IllegalStateException(expr.stringify() + " does not redact an e-mail");
      }
    }
  }

  private Object eval(Expr expr) {
    binding.value = texts[next++ & (VALUES - 1)];
    return expr.eval(binding).value();
  }

  @Benchmark
  public Object piiRedactAllTypes() {
    return eval(redactAll);
  }

  @Benchmark
  public Object piiRedactEmailOnly() {
    return eval(redactEmail);
  }

  @Benchmark
  public Object druidRegexpReplaceEmail() {
    return eval(regexpReplaceEmail);
  }
}
