package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.canopy.controlplane.query.QueryResult.Bounds;
import io.canopy.controlplane.query.measure.Measure;
import java.io.IOException;

/**
 * A measure's value as the API answers it, read from Druid's column: sums and counts are whole
 * numbers where Druid's are, estimates are numbers or null (never {@code "NaN"}: an estimate over
 * no data has no value), top items a JSON list. Each measure has an <em>empty value</em>, its value
 * over no rows: 0 for sums and distinct counts, {@code []} for top items, null for the rest (a
 * minimum, maximum, quantile or ratio of nothing). Pure.
 */
final class MeasureValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MeasureValues() {}

  /** {@code m}'s value in Druid's column {@code v}; its empty value where Druid has none. */
  static Object value(Measure m, JsonNode v) {
    if (m instanceof Measure.TopItems) {
      JsonNode items = parsed(v);
      return items.isArray() ? items : empty(m);
    }
    if (!v.isNumber() && !(v.isTextual() && number(v.asText()) != null)) {
      return empty(m);
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    Double d = v.isNumber() ? v.asDouble() : number(v.asText());
    return d.isNaN() || d.isInfinite() ? empty(m) : (Object) d;
  }

  /** The value of {@code m} over no rows. */
  static Object empty(Measure m) {
    if (m instanceof Measure.Aggregate a) {
      return a.function() == Measure.Function.SUM ? (Object) 0L : null;
    }
    if (m instanceof Measure.Distinct) {
      return 0.0;
    }
    if (m instanceof Measure.TopItems) {
      return JsonNodeFactory.instance.arrayNode();
    }
    return null;
  }

  /**
   * An estimate's bounds from the row's {@code <alias>_b} or {@code _lo}/{@code _hi}; else null.
   */
  static Bounds bounds(Measure m, JsonNode r, String alias) {
    if (m instanceof Measure.Distinct) {
      JsonNode b = parsed(r.path(alias + "_b"));
      return b.size() == 3 ? finite(b.get(1), b.get(2)) : null;
    }
    if (m instanceof Measure.Quantile) {
      return finite(r.path(alias + "_lo"), r.path(alias + "_hi"));
    }
    return null;
  }

  private static Bounds finite(JsonNode lo, JsonNode hi) {
    if (!lo.isNumber() || !hi.isNumber()) {
      return null;
    }
    double l = lo.asDouble();
    double h = hi.asDouble();
    return Double.isFinite(l) && Double.isFinite(h) ? new Bounds(l, h) : null;
  }

  /** A number Druid wrote as text ({@code "NaN"}, {@code "Infinity"}), or null if none. */
  private static Double number(String text) {
    try {
      return Double.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Druid sends arrays and JSON columns either as JSON or as their text. */
  private static JsonNode parsed(JsonNode v) {
    if (!v.isTextual()) {
      return v;
    }
    try {
      return JSON.readTree(v.asText());
    } catch (IOException e) {
      return v;
    }
  }
}
