package io.canopy.druid.pii.sql;

import io.canopy.druid.pii.expr.MaskEmailExprMacro;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.druid.sql.calcite.expression.DirectOperatorConversion;
import org.apache.druid.sql.calcite.expression.OperatorConversions;

/** {@code PII_MASK_EMAIL(expr)} in Druid SQL. */
public class MaskEmailOperatorConversion extends DirectOperatorConversion {
  static final SqlFunction FUNCTION =
      OperatorConversions.operatorBuilder("PII_MASK_EMAIL")
          .operandNames("expr")
          .operandTypes(SqlTypeFamily.CHARACTER)
          .requiredOperandCount(1)
          .returnTypeNullable(SqlTypeName.VARCHAR)
          .functionCategory(SqlFunctionCategory.STRING)
          .build();

  public MaskEmailOperatorConversion() {
    super(FUNCTION, MaskEmailExprMacro.NAME);
  }
}
