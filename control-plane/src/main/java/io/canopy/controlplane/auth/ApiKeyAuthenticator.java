package io.canopy.controlplane.auth;

import io.canopy.controlplane.db.ApiKeyDao;
import io.dropwizard.auth.Authenticator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a bearer token to its {@link Caller}. Every request reads the key's row, so a revoked
 * key stops working at once on every control-plane instance (no cache to expire). Thread-safe.
 */
public final class ApiKeyAuthenticator implements Authenticator<String, Caller> {
  private static final long TOUCH_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

  private final ApiKeyDao keys;
  private final Map<UUID, Long> lastTouched = new ConcurrentHashMap<>();

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
              touch(row.id());
              return new Caller(row.tenantId(), row.tenantSlug(), row.id(), row.scopes());
            });
  }

  private void touch(UUID keyId) {
    long now = System.nanoTime();
    Long last = lastTouched.get(keyId);
    if (last == null || now - last > TOUCH_EVERY_NANOS) {
      lastTouched.put(keyId, now);
      keys.touch(keyId);
    }
  }
}
