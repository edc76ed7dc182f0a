package io.canopy.druid.sketch.req.sql;

import java.util.List;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.druid.sql.calcite.expression.OperatorConversions;
import org.apache.druid.sql.calcite.planner.Calcites;

/** The SQL signatures the REQ sketch functions share, and reading their literal operands. */
final class ReqSqlFunctions {
  private ReqSqlFunctions() {}

  /** {@code NAME(sketch, operand)}: a DOUBLE of a sketch and one number. */
  static SqlFunction sketchAndNumber(String name, String operand) {
    return OperatorConversions.operatorBuilder(name)
        .operandNames("sketch", operand)
        .operandTypes(SqlTypeFamily.ANY, SqlTypeFamily.NUMERIC)
        .requiredOperandCount(2)
        .literalOperands(1)
        .returnTypeNonNull(SqlTypeName.DOUBLE)
        .build();
  }

  /** {@code NAME(sketch, splitPoint [, ...])}: a DOUBLE ARRAY, one value per bin. */
  static SqlFunction sketchAndSplitPoints(String name) {
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

  static double number(RexLiteral literal) {
    return literal.getValueAs(Double.class);
  }

  static double[] numbers(List<RexLiteral> literals) {
    return literals.stream().mapToDouble(ReqSqlFunctions::number).toArray();
  }
}
