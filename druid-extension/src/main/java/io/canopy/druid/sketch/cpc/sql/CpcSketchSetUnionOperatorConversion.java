package io.canopy.druid.sketch.cpc.sql;

import io.canopy.druid.sketch.cpc.CpcSketchCodec;
import io.canopy.druid.sketch.cpc.CpcSketchUnionPostAggregator;
import io.canopy.druid.sketch.sql.SketchPostAggOperatorConversion;
import java.util.List;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.sql.calcite.planner.Calcites;

/** {@code CPC_SKETCH_UNION(sketch, sketch [, ...])}: the union of two or more CPC sketches. */
public class CpcSketchSetUnionOperatorConversion extends SketchPostAggOperatorConversion {
  public CpcSketchSetUnionOperatorConversion() {
    super(
        new SqlFunction(
            "CPC_SKETCH_UNION",
            SqlKind.OTHER_FUNCTION,
            Calcites.complexReturnTypeWithNullability(CpcSketchCodec.INSTANCE.columnType(), false),
            null,
            OperandTypes.variadic(SqlOperandCountRanges.from(2)),
            SqlFunctionCategory.USER_DEFINED_FUNCTION));
  }

  @Override
  protected boolean isSketchOperand(int index, RexNode operand) {
    return true;
  }

  @Override
  protected PostAggregator toPostAggregator(
      String name, List<PostAggregator> sketches, List<RexLiteral> literals) {
    return new CpcSketchUnionPostAggregator(name, sketches, null);
  }
}
