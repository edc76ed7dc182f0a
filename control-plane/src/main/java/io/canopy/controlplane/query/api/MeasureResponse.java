package io.canopy.controlplane.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.canopy.controlplane.query.measure.CustomMeasure;
import io.canopy.controlplane.query.measure.Measure;
import java.util.List;
import java.util.Locale;

/**
 * A measure as {@code GET /v1/measures} lists it: its name, whether it is built in, what it
 * computes ({@code sum}, {@code min}, {@code max}, {@code ratio}, {@code distinct}, {@code
 * quantile}, {@code top}), whether it is an estimate (with bounds), and a custom one's definition.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MeasureResponse(
    String name, boolean builtin, String kind, boolean approximate, CustomMeasure definition) {

  static MeasureResponse of(Measure m, List<CustomMeasure> custom) {
    CustomMeasure own =
        custom.stream().filter(c -> c.name().equals(m.name())).findFirst().orElse(null);
    return new MeasureResponse(m.name(), own == null, kind(m), m.approximate(), own);
  }

  private static String kind(Measure m) {
    if (m instanceof Measure.Aggregate a) {
      return a.function().name().toLowerCase(Locale.ROOT);
    }
    if (m instanceof Measure.Ratio) {
      return "ratio";
    }
    if (m instanceof Measure.Distinct) {
      return "distinct";
    }
    return m instanceof Measure.Quantile ? "quantile" : "top";
  }
}
