package io.canopy.controlplane.auth;

import io.canopy.controlplane.auth.db.ApiKeyDao;
import io.canopy.controlplane.auth.db.ApiKeyRow;
import io.dropwizard.auth.Authenticator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Resolves a bearer token to its {@link Caller}: the operator token, or an API key. The key's row
 * (with its tenant's status and quotas) comes from the {@link KeyCache}, which forgets it on every
 * committed change of keys, tenants or datasources: at once on the instance that made the change,
 * and on the others as soon as PostgreSQL's notification arrives. So a revocation, suspension or
 * quota change applies to the next request. Thread-safe.
 */
public final class CallerAuthenticator implements Authenticator<String, Caller> {
  private static final long TOUCH_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

  private final OperatorToken operator;
  private final ApiKeyDao keys;
  private final KeyCache cache;
  private final Map<UUID, Long> lastTouched = new ConcurrentHashMap<>();

  public CallerAuthenticator(OperatorToken operator, ApiKeyDao keys, KeyCache cache) {
    this.operator = operator;
    this.keys = keys;
    this.cache = cache;
  }

  @Override
  public Optional<Caller> authenticate(String token) {
    if (operator.matches(token)) {
      return Optional.of(new Caller.Operator());
    }
    return ApiKeys.parse(token)
        .flatMap(
            presented ->
                cache
                    .find(presented.prefix(), keys::findActiveByPrefix)
                    .filter(row -> ApiKeys.matches(row.secretHash(), presented.hash()))
                    .map(row -> caller(row, new KeyCredential(presented.prefix(), token))));
  }

  private Caller caller(ApiKeyRow row, KeyCredential credential) {
    touch(row.id());
    return new Caller.TenantKey(
        row.id(),
        row.prefix(),
        row.tenantId(),
        row.tenantSlug(),
        row.tenantStatus(),
        row.quotas(),
        row.scopes().stream().map(s -> Scope.parse(s, "scopes")).collect(Collectors.toSet()),
        row.topic(),
        credential);
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
