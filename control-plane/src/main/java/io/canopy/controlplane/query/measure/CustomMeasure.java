package io.canopy.controlplane.query.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.query.model.Filter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A measure a tenant defines, as JSON and as stored: {@code {"name": "signups", "aggregate": "sum",
 * "column": "count", "filter": {"type": "equals", "dimension": "event", "value": "signup"}}}, or
 * {@code {"name": "aov", "ratio": {"numerator": "revenue", "denominator": "purchases"}}}. Never
 * SQL: columns are checked against the datasource, values become parameters. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomMeasure(
    String name,
    String description,
    String aggregate,
    String column,
    Filter filter,
    RatioOf ratio) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  /** The two measures a ratio divides, by name. */
  public record RatioOf(String numerator, String denominator) {}

  /**
   * This definition as a {@link Measure}, its shape checked (columns are checked when compiled).
   */
  public Measure toMeasure() {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "name", "must be 1 to 63 lower-case letters, digits or _, starting with a letter");
    }
    if (BuiltinMeasures.isBuiltin(name)) {
      throw new InvalidInputException("name", "is a built-in measure's name: " + name);
    }
    if (description != null && description.length() > 500) {
      throw new InvalidInputException("description", "must be at most 500 characters");
    }
    if ((aggregate == null) == (ratio == null)) {
      throw new InvalidInputException("aggregate", "or ratio is required, one of them");
    }
    if (ratio != null) {
      if (ratio.numerator() == null || ratio.denominator() == null) {
        throw new InvalidInputException("ratio", "needs a numerator and a denominator");
      }
      if (column != null || filter != null) {
        throw new InvalidInputException("ratio", "takes no column or filter of its own");
      }
      return new Measure.Ratio(name, ratio.numerator(), ratio.denominator());
    }
    Measure.Function function;
    try {
      function = Measure.Function.valueOf(aggregate.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("aggregate", "must be sum, min or max, not " + aggregate);
    }
    if (column == null) {
      throw new InvalidInputException("column", "is required with an aggregate");
    }
    return new Measure.Aggregate(name, function, column, filter);
  }
}
