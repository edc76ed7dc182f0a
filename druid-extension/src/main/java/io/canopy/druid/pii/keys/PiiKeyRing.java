package io.canopy.druid.pii.keys;

import io.canopy.druid.pii.mask.Pseudonymizer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.druid.metadata.PasswordProvider;

/**
 * The named secret keys pseudonyms are made with. Keys come only from Druid's runtime properties
 * (see {@link PiiKeyRingConfig}); specs and queries name a key by its id and never see the secret.
 * Rotation: add a key under a new id and switch the spec to it; data pseudonymized under the old id
 * keeps its pseudonyms. Removing a key makes its pseudonyms unlinkable to new data (erasure).
 *
 * <p>Immutable and thread-safe. Never logs or prints a secret.
 */
public final class PiiKeyRing {
  /** Key ids are short, printable and safe in any spec or log line. */
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Shorter secrets are guessable; 32 characters of a random string carry enough entropy. */
  public static final int MIN_SECRET_LENGTH = 32;

  private final Map<String, Pseudonymizer> pseudonymizers;

  /**
   * @throws IllegalArgumentException for a malformed key id or a short or missing secret, naming
   *     the key id (never the secret)
   */
  public PiiKeyRing(Map<String, String> secrets) {
    Map<String, Pseudonymizer> byId = new TreeMap<>();
    secrets.forEach(
        (id, secret) -> {
          if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                "PII key id [" + id + "] must be 1-64 characters of [A-Za-z0-9_-]");
          }
          if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(
                "PII key ["
                    + id
                    + "] has a missing or short secret: at least "
                    + MIN_SECRET_LENGTH
                    + " characters are required");
          }
          byId.put(id, new Pseudonymizer(id, secret.getBytes(StandardCharsets.UTF_8)));
        });
    this.pseudonymizers = Collections.unmodifiableMap(byId);
  }

  // PasswordProvider is deprecated in Druid 33 but is still how Druid itself reads a secret from
  // configuration (the metadata store password, for one); there is no replacement for one secret.
  @SuppressWarnings("deprecation")
  public static PiiKeyRing fromConfig(PiiKeyRingConfig config) {
    Map<String, String> secrets = new TreeMap<>();
    for (Map.Entry<String, PasswordProvider> e : config.getKeys().entrySet()) {
      secrets.put(e.getKey(), e.getValue() == null ? null : e.getValue().getPassword());
    }
    return new PiiKeyRing(secrets);
  }

  public static PiiKeyRing empty() {
    return new PiiKeyRing(Map.of());
  }

  public Set<String> keyIds() {
    return pseudonymizers.keySet();
  }

  /**
   * @throws IllegalArgumentException when no key has this id, listing the configured ids
   */
  public Pseudonymizer pseudonymizer(String keyId) {
    Pseudonymizer p = pseudonymizers.get(keyId);
    if (p == null) {
      throw new IllegalArgumentException(
          "no PII key with id ["
              + keyId
              + "] in the key ring (druid.canopy.pii.keys); configured ids: "
              + keyIds());
    }
    return p;
  }

  @Override
  public String toString() {
    return "PiiKeyRing{keyIds=" + keyIds() + "}";
  }
}
