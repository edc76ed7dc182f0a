package io.canopy.controlplane.common;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A tenant's lifecycle state. {@code suspended}: keys still authenticate, but ingest (and queries)
 * are refused with 403 until resumed. {@code deleted}: every key revoked; the slug stays reserved.
 */
public enum TenantStatus {
  ACTIVE,
  SUSPENDED,
  DELETED;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stored (and JSON) form back to the enum. */
  public static TenantStatus fromJson(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
