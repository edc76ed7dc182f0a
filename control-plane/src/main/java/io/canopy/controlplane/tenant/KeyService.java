package io.canopy.controlplane.tenant;

import io.canopy.controlplane.auth.ApiKeys;
import io.canopy.controlplane.auth.Scope;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.NotFoundException;
import io.canopy.controlplane.tenant.db.KeyDao;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A tenant's API keys: create (the secret shown once), list (metadata only), revoke. */
public final class KeyService {
  private static final int MAX_NAME = 100;

  private final KeyDao keys;

  public KeyService(KeyDao keys) {
    this.keys = keys;
  }

  /** Creates a key named {@code nameText} (null for none) with the scopes named. */
  public IssuedKey create(Tenant tenant, String nameText, List<String> scopeNames) {
    tenant.requireNotDeleted();
    String name = nameText == null ? "" : nameText.strip();
    if (name.length() > MAX_NAME) {
      throw new InvalidInputException("name", "must be at most " + MAX_NAME + " characters");
    }
    Set<Scope> scopes = scopes(scopeNames);
    ApiKeys.Generated key = ApiKeys.generate();
    UUID id = UUID.randomUUID();
    keys.insert(
        tenant.id(),
        new KeyDao.NewKey(
            id, key.prefix(), key.hash(), name, scopes.stream().map(Scope::json).toList()));
    return new IssuedKey(id, key.prefix(), key.key(), name, scopes);
  }

  public List<ApiKey> list(Tenant tenant) {
    return keys.listForTenant(tenant.id());
  }

  /** Revokes one of the tenant's keys: effective on the next request, on every instance. */
  public void revoke(Tenant tenant, String keyId) {
    UUID id;
    try {
      id = UUID.fromString(keyId);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("no key '" + keyId + "'");
    }
    if (keys.revoke(tenant.id(), id) == 0) {
      throw new NotFoundException("no key '" + keyId + "'");
    }
  }

  private static Set<Scope> scopes(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw new InvalidInputException("scopes", "must name at least one of ingest, query, admin");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (int i = 0; i < names.size(); i++) {
      scopes.add(Scope.parse(names.get(i), "scopes[" + i + "]"));
    }
    return scopes;
  }
}
