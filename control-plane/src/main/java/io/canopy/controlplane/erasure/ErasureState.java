package io.canopy.controlplane.erasure;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An erasure is {@code PENDING} until Druid shows none of the tenant's rows, then {@code DONE}. */
public enum ErasureState {
  PENDING,
  DONE;

  /** The stored (and JSON) form: lower case. */
  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ErasureState fromJson(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
