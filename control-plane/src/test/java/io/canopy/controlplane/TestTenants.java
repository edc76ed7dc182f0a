package io.canopy.controlplane;

import io.canopy.controlplane.auth.ApiKeys;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.tenant.db.KeyDao;
import io.canopy.controlplane.tenant.db.TenantDao;
import java.util.List;
import java.util.UUID;

/** Tenants made straight in the database for tests that need one with a key. */
public final class TestTenants {
  private TestTenants() {}

  /** Creates a tenant with one key of the given scopes; returns the full key. */
  public static String createWithKey(TenantDao tenants, String slug, String... scopes) {
    ApiKeys.Generated key = ApiKeys.generate();
    tenants.createWithKey(
        slug,
        slug + " Inc.",
        Quotas.UNSET,
        new KeyDao.NewKey(UUID.randomUUID(), key.prefix(), key.hash(), "test", List.of(scopes)));
    return key.key();
  }
}
