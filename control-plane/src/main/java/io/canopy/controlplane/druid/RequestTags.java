package io.canopy.controlplane.druid;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the tag the control plane puts on the Druid queries it runs for one request of a tenant
 * ({@code X-Canopy-Request: <id>.<hex HMAC-SHA256(internal secret, slug + "\n" + id)>}): Druid's
 * quota gate (Canopy's extension) counts all the queries of one tag as one query of the tenant's
 * minute, as this control plane counted the request. Without an internal secret there is no tag,
 * and each query counts. Thread-safe.
 */
final class RequestTags {
  static final String HEADER = "X-Canopy-Request";

  private final SecretKeySpec key;

  RequestTags(String internalSecret) {
    this.key =
        internalSecret == null || internalSecret.isEmpty()
            ? null
            : new SecretKeySpec(internalSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The header's value for {@code id} of {@code tenant}'s request; null without a secret. */
  String tag(String tenant, String id) {
    if (key == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] signature = mac.doFinal((tenant + "\n" + id).getBytes(StandardCharsets.UTF_8));
      return id + "." + HexFormat.of().formatHex(signature);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
