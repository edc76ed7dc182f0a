package io.canopy.druid.sketch.cpc.sql;

import io.canopy.druid.sketch.cpc.CpcSketchEstimateExprMacro;
import io.canopy.druid.sketch.cpc.CpcSketchToEstimatePostAggregator;
import io.canopy.druid.sketch.sql.SketchPostAggOperatorConversion;
import java.util.List;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.sql.calcite.expression.OperatorConversions;

/** {@code CPC_SKETCH_ESTIMATE(sketch [, round])}: the distinct-count estimate of a CPC sketch. */
public class CpcSketchEstimateOperatorConversion extends SketchPostAggOperatorConversion {
  public CpcSketchEstimateOperatorConversion() {
    super(
        OperatorConversions.operatorBuilder("CPC_SKETCH_ESTIMATE")
            .operandNames("sketch", "round")
            .operandTypes(SqlTypeFamily.ANY, SqlTypeFamily.BOOLEAN)
            .requiredOperandCount(1)
            .literalOperands(1)
            .returnTypeNonNull(SqlTypeName.DOUBLE)
            .build(),
        CpcSketchEstimateExprMacro.NAME);
  }

  @Override
  protected PostAggregator toPostAggregator(
      String name, List<PostAggregator> sketches, List<RexLiteral> literals) {
    boolean round =
        !literals.isEmpty() && Boolean.TRUE.equals(literals.get(0).getValueAs(Boolean.class));
    return new CpcSketchToEstimatePostAggregator(name, sketches.get(0), round);
  }
}
