package io.canopy.druid.sketch.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.druid.error.DruidException;
import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.ExprEval;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.math.expr.ExpressionType;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.query.aggregation.post.FieldAccessPostAggregator;
import org.apache.druid.segment.column.RowSignature;

/**
 * A Druid expression function of one sketch, {@code name(sketch [, literal ...])}, as Druid's own
 * {@code hll_sketch_estimate}: it reads a stored sketch column (or sketch bytes, or their Base64)
 * row by row, so it works inside other expressions, in virtual columns and in filters. It computes
 * exactly what the SQL function's post-aggregator computes over an aggregated sketch: the macro
 * builds that post-aggregator once, when the expression is parsed, and hands it each row's sketch.
 */
public abstract class SketchExprMacro implements ExprMacroTable.ExprMacro {
  private static final String SKETCH = "sketch";

  private final String name;
  private final int minArgs;
  private final int maxArgs;

  protected SketchExprMacro(String name, int minArgs, int maxArgs) {
    this.name = name;
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
  }

  /** The post-aggregator of this function over {@code sketch}, for the literals after it. */
  protected abstract PostAggregator postAggregator(
      String name, PostAggregator sketch, List<Object> literals);

  @Override
  public String name() {
    return name;
  }

  @Override
  public Expr apply(List<Expr> args) {
    validationHelperCheckArgumentRange(args, minArgs, maxArgs);
    List<Object> literals = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      if (!args.get(i).isLiteral()) {
        throw validationFailed("argument %d must be a literal", i + 1);
      }
      literals.add(args.get(i).getLiteralValue());
    }
    PostAggregator post;
    try {
      post = postAggregator(name, new FieldAccessPostAggregator(SKETCH, SKETCH), literals);
    } catch (DruidException e) {
      throw validationFailed("%s", e.getMessage());
    }
    return new SketchFunctionExpr(this, args, post);
  }

  /** A boolean literal as Druid's expressions write it: {@code 1}/{@code 0} or true/false. */
  protected static boolean bool(@Nullable Object literal) {
    return literal instanceof Number n
        ? n.doubleValue() != 0
        : Boolean.parseBoolean(String.valueOf(literal));
  }

  /** A number literal; {@code what} names it in the error. */
  protected double number(@Nullable Object literal, String what) {
    if (literal instanceof Number n) {
      return n.doubleValue();
    }
    throw validationFailed("%s must be a number literal, got [%s]", what, literal);
  }

  private static final class SketchFunctionExpr extends ExprMacroTable.BaseScalarMacroFunctionExpr {
    private final PostAggregator post;
    private final ExpressionType outputType;

    SketchFunctionExpr(ExprMacroTable.ExprMacro macro, List<Expr> args, PostAggregator post) {
      super(macro, args);
      this.post = post;
      this.outputType = ExpressionType.fromColumnType(post.getType(RowSignature.empty()));
    }

    @Override
    public ExprEval<?> eval(ObjectBinding bindings) {
      Object sketch = args.get(0).eval(bindings).value();
      return ExprEval.ofType(outputType, post.compute(Collections.singletonMap(SKETCH, sketch)));
    }

    @Nullable
    @Override
    public ExpressionType getOutputType(InputBindingInspector inspector) {
      return outputType;
    }
  }
}
