package io.canopy.controlplane.datasource;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a dedicated datasource is in its life. {@code DELETING}: the delete was accepted and a
 * background job is erasing it (supervisor, tasks, segments, topic); {@code DELETED} once it has.
 */
public enum DatasourceStatus {
  ACTIVE,
  SUSPENDED,
  DELETING,
  DELETED;

  /** The stored (and JSON) form: lower case. */
  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DatasourceStatus fromJson(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
