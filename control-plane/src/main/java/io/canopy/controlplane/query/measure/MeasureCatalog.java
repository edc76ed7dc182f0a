package io.canopy.controlplane.query.measure;

import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.Text;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measures one tenant may use on one datasource: the built-in ones, then its own. Immutable.
 */
public final class MeasureCatalog {
  private final Map<String, Measure> measures = new LinkedHashMap<>();

  public MeasureCatalog(List<Measure> custom) {
    measures.putAll(BuiltinMeasures.all());
    for (Measure m : custom) {
      measures.putIfAbsent(m.name(), m);
    }
  }

  public static MeasureCatalog builtin() {
    return new MeasureCatalog(List.of());
  }

  /** The measure called {@code name}; a 400 naming {@code field} when there is none. */
  public Measure resolve(String name, String field) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(field, "is required (a measure's name)");
    }
    Measure m = measures.get(name);
    if (m == null) {
      throw new InvalidInputException(
          field, "is no measure: " + Text.abbreviate(name, 64) + " (GET /v1/measures lists them)");
    }
    return m;
  }

  public Collection<Measure> all() {
    return measures.values();
  }
}
