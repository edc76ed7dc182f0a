package io.canopy.controlplane.auth;

import io.canopy.controlplane.auth.db.ApiKeyDao;
import io.canopy.controlplane.auth.db.ApiKeyRow;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What Druid's Canopy authenticator may learn of an API key a query presented: whether it is active
 * (not revoked, its tenant neither suspended nor deleted), the tenant, the scopes, and the tenant's
 * dedicated datasource, and its query quotas (concurrency, queries per minute, timeout), which
 * Druid enforces on the queries sent to it directly. The control plane stays the one owner of keys:
 * Druid sends the key's public prefix and its SHA-256, never the key, and asks with the internal
 * secret, which is never a tenant credential. Thread-safe.
 */
public final class KeyIntrospection {
  private static final Pattern PREFIX = Pattern.compile("[0-9A-Za-z]{12}");

  /** The answer; an inactive one says nothing else, so an unknown key learns nothing. */
  public record Answer(
      boolean active,
      String tenant,
      Set<Scope> scopes,
      List<String> dedicatedDatasources,
      Quotas quotas) {
    static final Answer INACTIVE = new Answer(false, null, Set.of(), List.of(), null);
  }

  private final byte[] internalSecret;
  private final ApiKeyDao keys;
  private final UnaryOperator<Quotas> complete;

  /**
   * @param internalSecret empty: no caller is internal, and every introspection is refused
   * @param complete a tenant's stored quotas to its complete ones (the defaults for those not set)
   */
  public KeyIntrospection(String internalSecret, ApiKeyDao keys, UnaryOperator<Quotas> complete) {
    this.internalSecret =
        internalSecret == null ? new byte[0] : internalSecret.getBytes(StandardCharsets.UTF_8);
    this.keys = keys;
    this.complete = complete;
  }

  /** Whether {@code presented} is the internal secret; compared in constant time. */
  public boolean isInternal(String presented) {
    return internalSecret.length > 0
        && presented != null
        && MessageDigest.isEqual(internalSecret, presented.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param prefix the key's public prefix ({@code cnp_<prefix>_…})
   * @param sha256 Base64 of the SHA-256 of the whole key
   * @throws InvalidInputException naming {@code prefix} or {@code sha256} when malformed
   */
  public Answer introspect(String prefix, String sha256) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new InvalidInputException(
          "prefix", "must be the 12 letters and digits of a key's prefix");
    }
    byte[] hash = hash(sha256);
    return keys.findActiveByPrefix(prefix)
        .filter(row -> ApiKeys.matches(row.secretHash(), hash))
        .filter(row -> row.tenantStatus() == TenantStatus.ACTIVE)
        .map(this::answer)
        .orElse(Answer.INACTIVE);
  }

  private Answer answer(ApiKeyRow row) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    row.scopes().forEach(s -> scopes.add(Scope.parse(s, "scopes")));
    return new Answer(
        true,
        row.tenantSlug(),
        scopes,
        row.dedicatedDatasource() == null ? List.of() : List.of(row.dedicatedDatasource()),
        complete.apply(row.quotas()));
  }

  private static byte[] hash(String sha256) {
    byte[] hash;
    try {
      hash = sha256 == null ? new byte[0] : Base64.getDecoder().decode(sha256);
    } catch (IllegalArgumentException e) {
      hash = new byte[0];
    }
    if (hash.length != 32) {
      throw new InvalidInputException("sha256", "must be the Base64 of a 32-byte SHA-256");
    }
    return hash;
  }
}
