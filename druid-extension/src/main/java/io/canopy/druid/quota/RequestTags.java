package io.canopy.druid.quota;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The control plane's tag on the Druid queries it runs for one of a tenant's requests ({@code
 * X-Canopy-Request: <id>.<signature>}): the signature is the hex HMAC-SHA256, under the stack's
 * internal secret, of the tenant's slug, a newline and the id. A tenant can't make one (it has no
 * secret) nor use another tenant's (the slug is signed). Queries with one valid tag count once
 * against the tenant's per-minute quota, as the request they serve did on the control plane.
 * Thread-safe.
 */
public final class RequestTags {
  public static final String HEADER = "X-Canopy-Request";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final SecretKeySpec key;

  public RequestTags(byte[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("request tags need a secret");
    }
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** The tag for {@code id} of {@code tenant}'s request (the control plane makes the same). */
  public String tag(String tenant, String id) {
    return id + "." + HexFormat.of().formatHex(signature(tenant, id));
  }

  /** The request id a tag names, if it is a valid tag of {@code tenant}'s; null otherwise. */
  @Nullable
  public String requestId(String tenant, @Nullable String tag) {
    if (tag == null) {
      return null;
    }
    int dot = tag.indexOf('.');
    if (dot < 0) {
      return null;
    }
    String id = tag.substring(0, dot);
    if (!ID.matcher(id).matches()) {
      return null;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(tag.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
    return MessageDigest.isEqual(given, signature(tenant, id)) ? id : null;
  }

  private byte[] signature(String tenant, String id) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal((tenant + "\n" + id).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
