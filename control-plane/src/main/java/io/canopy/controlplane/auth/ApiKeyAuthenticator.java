package io.canopy.controlplane.auth;

import io.canopy.controlplane.db.ApiKeyDao;
import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/**
 * Resolves a bearer token to its {@link Caller}. Every request reads the key's row, so a revoked
 * key stops working at once on every control-plane instance (no cache to expire). Thread-safe.
 */
public final class ApiKeyAuthenticator implements Authenticator<String, Caller> {
  private final ApiKeyDao keys;

  public ApiKeyAuthenticator(ApiKeyDao keys) {
    this.keys = keys;
  }

  @Override
  public Optional<Caller> authenticate(String token) {
    return ApiKeys.parse(token)
        .flatMap(
            presented ->
                keys.findActiveByPrefix(presented.prefix())
                    .filter(row -> ApiKeys.matches(row.secretHash(), presented.hash())))
        .map(
            row -> {
              keys.touch(row.id());
              return new Caller(row.tenantId(), row.tenantSlug(), row.id(), row.scopes());
            });
  }
}
