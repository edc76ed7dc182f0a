package io.canopy.druid.sketch.req.sql;

import io.canopy.druid.sketch.req.ReqSketchToCDFPostAggregator;
import io.canopy.druid.sketch.req.ReqSketchToHistogramPostAggregator;
import io.canopy.druid.sketch.req.ReqSketchToQuantilePostAggregator;
import io.canopy.druid.sketch.req.ReqSketchToRankPostAggregator;
import io.canopy.druid.sketch.sql.SketchPostAggOperatorConversion;
import java.util.List;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.sql.calcite.expression.OperatorConversions;
import org.apache.druid.sql.calcite.planner.Calcites;

/** The REQ_SKETCH_* SQL functions over an aggregated REQ sketch. */
public final class ReqSketchOperatorConversions {
  private ReqSketchOperatorConversions() {}

  private static SqlFunction sketchAndNumber(String name, String operand) {
    return OperatorConversions.operatorBuilder(name)
        .operandNames("sketch", operand)
        .operandTypes(SqlTypeFamily.ANY, SqlTypeFamily.NUMERIC)
        .requiredOperandCount(2)
        .literalOperands(1)
        .returnTypeNonNull(SqlTypeName.DOUBLE)
        .build();
  }

  private static SqlFunction sketchAndSplitPoints(String name) {
    return new SqlFunction(
        name,
        SqlKind.OTHER_FUNCTION,
        opBinding ->
            Calcites.createSqlArrayTypeWithNullability(
                opBinding.getTypeFactory(), SqlTypeName.DOUBLE, false),
        null,
        OperandTypes.variadic(SqlOperandCountRanges.from(2)),
        SqlFunctionCategory.USER_DEFINED_FUNCTION);
  }

  private static double number(RexLiteral literal) {
    return literal.getValueAs(Double.class);
  }

  private static double[] numbers(List<RexLiteral> literals) {
    return literals.stream().mapToDouble(ReqSketchOperatorConversions::number).toArray();
  }

  /** {@code REQ_SKETCH_QUANTILE(sketch, fraction)}. */
  public static class Quantile extends SketchPostAggOperatorConversion {
    public Quantile() {
      super(sketchAndNumber("REQ_SKETCH_QUANTILE", "fraction"));
    }

    @Override
    protected PostAggregator toPostAggregator(
        String name, List<PostAggregator> sketches, List<RexLiteral> literals) {
      return new ReqSketchToQuantilePostAggregator(name, sketches.get(0), number(literals.get(0)));
    }
  }

  /** {@code REQ_SKETCH_RANK(sketch, value)}. */
  public static class Rank extends SketchPostAggOperatorConversion {
    public Rank() {
      super(sketchAndNumber("REQ_SKETCH_RANK", "value"));
    }

    @Override
    protected PostAggregator toPostAggregator(
        String name, List<PostAggregator> sketches, List<RexLiteral> literals) {
      return new ReqSketchToRankPostAggregator(name, sketches.get(0), number(literals.get(0)));
    }
  }

  /** {@code REQ_SKETCH_CDF(sketch, splitPoint [, ...])}. */
  public static class Cdf extends SketchPostAggOperatorConversion {
    public Cdf() {
      super(sketchAndSplitPoints("REQ_SKETCH_CDF"));
    }

    @Override
    protected PostAggregator toPostAggregator(
        String name, List<PostAggregator> sketches, List<RexLiteral> literals) {
      return new ReqSketchToCDFPostAggregator(name, sketches.get(0), numbers(literals));
    }
  }

  /** {@code REQ_SKETCH_HISTOGRAM(sketch, splitPoint [, ...])}. */
  public static class Histogram extends SketchPostAggOperatorConversion {
    public Histogram() {
      super(sketchAndSplitPoints("REQ_SKETCH_HISTOGRAM"));
    }

    @Override
    protected PostAggregator toPostAggregator(
        String name, List<PostAggregator> sketches, List<RexLiteral> literals) {
      return new ReqSketchToHistogramPostAggregator(name, sketches.get(0), numbers(literals));
    }
  }
}
