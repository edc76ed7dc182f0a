package io.canopy.controlplane.auth;

/**
 * The API key a request presented, kept so the control plane can ask Druid as that tenant (Druid's
 * Canopy authenticator checks it and applies the tenant's row policy). Never printed: {@link
 * #toString} shows the public prefix only. Immutable.
 */
public final class KeyCredential {
  private final String prefix;
  private final String key;

  KeyCredential(String prefix, String key) {
    this.prefix = prefix;
    this.key = key;
  }

  /** The {@code Authorization} header value that presents this key to Druid. */
  public String authorization() {
    return "Bearer " + key;
  }

  @Override
  public String toString() {
    return "KeyCredential[" + prefix + "…]";
  }
}
