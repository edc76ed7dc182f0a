package io.canopy.druid.sketch.req.sql;

import io.canopy.druid.sketch.req.ReqSketchAggregatorFactory;
import io.canopy.druid.sketch.req.ReqSketchCodec;
import io.canopy.druid.sketch.req.ReqSketchToQuantilePostAggregator;
import io.canopy.druid.sketch.sql.SketchSqlAggregator;
import io.canopy.druid.sketch.sql.SketchSqlArguments;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.druid.query.aggregation.post.FieldAccessPostAggregator;
import org.apache.druid.sql.calcite.aggregation.Aggregation;
import org.apache.druid.sql.calcite.expression.OperatorConversions;

/**
 * {@code APPROX_QUANTILE_REQ(expr, fraction [, k])}: the value at rank {@code fraction} of numbers
 * or of stored REQ sketches, with REQ's relative error (smallest near rank 1).
 */
public class ReqSketchApproxQuantileSqlAggregator extends SketchSqlAggregator {
  public static final String NAME = "APPROX_QUANTILE_REQ";

  public ReqSketchApproxQuantileSqlAggregator() {
    super(
        OperatorConversions.aggregatorBuilder(NAME)
            .operandNames("expr", "fraction", "k")
            .operandTypes(SqlTypeFamily.ANY, SqlTypeFamily.NUMERIC, SqlTypeFamily.EXACT_NUMERIC)
            .requiredOperandCount(2)
            .literalOperands(1, 2)
            .returnTypeNonNull(SqlTypeName.DOUBLE)
            .functionCategory(SqlFunctionCategory.NUMERIC)
            .build(),
        ReqSketchCodec.INSTANCE.columnType());
  }

  @Nullable
  @Override
  protected Aggregation toAggregation(
      String name,
      SketchSqlArguments.Input input,
      SketchSqlArguments arguments,
      boolean finalizeAggregations) {
    Double fraction = arguments.doubleLiteral(1);
    ReqSketchAggregatorFactory<?> sketch =
        ReqSketchSqlAggregators.factory(name + ":agg", input, arguments, 2);
    if (fraction == null || sketch == null) {
      return null;
    }
    return Aggregation.create(
        List.of(sketch),
        new ReqSketchToQuantilePostAggregator(
            name, new FieldAccessPostAggregator(null, sketch.getName()), fraction));
  }
}
