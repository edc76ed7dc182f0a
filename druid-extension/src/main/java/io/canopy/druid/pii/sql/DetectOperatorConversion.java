package io.canopy.druid.pii.sql;

import io.canopy.druid.pii.expr.DetectExprMacro;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.druid.sql.calcite.expression.DirectOperatorConversion;
import org.apache.druid.sql.calcite.expression.OperatorConversions;

/** {@code PII_DETECT(expr [, types])} in Druid SQL: an array of the PII type names found. */
public class DetectOperatorConversion extends DirectOperatorConversion {
  static final SqlFunction FUNCTION =
      OperatorConversions.operatorBuilder("PII_DETECT")
          .operandNames("expr", "types")
          .operandTypes(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER)
          .literalOperands(1)
          .requiredOperandCount(1)
          .returnTypeArrayWithNullableElements(SqlTypeName.VARCHAR)
          .functionCategory(SqlFunctionCategory.STRING)
          .build();

  public DetectOperatorConversion() {
    super(FUNCTION, DetectExprMacro.NAME);
  }
}
