package io.canopy.druid.sketch.cpc.sql;

import io.canopy.druid.sketch.cpc.CpcSketchToEstimateWithBoundsPostAggregator;
import io.canopy.druid.sketch.sql.SketchPostAggOperatorConversion;
import java.util.List;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.sql.calcite.expression.OperatorConversions;

/**
 * {@code CPC_SKETCH_ESTIMATE_WITH_ERROR_BOUNDS(sketch [, numStdDevs])}: {@code [estimate, lower,
 * upper]} as a DOUBLE array.
 */
public class CpcSketchEstimateWithErrorBoundsOperatorConversion
    extends SketchPostAggOperatorConversion {
  public CpcSketchEstimateWithErrorBoundsOperatorConversion() {
    super(
        OperatorConversions.operatorBuilder("CPC_SKETCH_ESTIMATE_WITH_ERROR_BOUNDS")
            .operandNames("sketch", "numStdDevs")
            .operandTypes(SqlTypeFamily.ANY, SqlTypeFamily.INTEGER)
            .requiredOperandCount(1)
            .literalOperands(1)
            .returnTypeArrayWithNullableElements(SqlTypeName.DOUBLE)
            .build());
  }

  @Override
  protected PostAggregator toPostAggregator(
      String name, List<PostAggregator> sketches, List<RexLiteral> literals) {
    Integer numStdDevs = literals.isEmpty() ? null : literals.get(0).getValueAs(Integer.class);
    return new CpcSketchToEstimateWithBoundsPostAggregator(name, sketches.get(0), numStdDevs);
  }
}
