package io.canopy.druid.pii.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;
import org.apache.druid.metadata.PasswordProvider;

/**
 * Runtime properties under {@code druid.canopy.pii}: {@code keys} maps a key id to its secret,
 * given as a Druid password provider, e.g.
 *
 * <pre>druid.canopy.pii.keys={"k2026":{"type":"environment","variable":"CANOPY_PII_KEY_K2026"}}
 * </pre>
 *
 * <p>{@link #toString()} lists key ids only: Druid logs every config object it loads.
 */
// PasswordProvider: deprecated in Druid 33, still how Druid reads a secret (see PiiKeyRing).
@SuppressWarnings("deprecation")
public class PiiKeyRingConfig {
  @JsonProperty private Map<String, PasswordProvider> keys = Map.of();

  public Map<String, PasswordProvider> getKeys() {
    return keys;
  }

  @Override
  public String toString() {
    return "PiiKeyRingConfig{keyIds=" + new TreeMap<>(keys).keySet() + "}";
  }
}
