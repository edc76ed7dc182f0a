package io.canopy.controlplane.tenant;

import io.canopy.controlplane.common.TenantStatus;
import io.canopy.controlplane.db.QuotasJson;
import io.canopy.controlplane.tenant.db.KeyDao;
import io.canopy.controlplane.tenant.db.TenantDao;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** In-memory tenants and keys, for unit tests of the services' pure logic. */
final class InMemoryTenants implements TenantDao {
  final Map<String, Tenant> bySlug = new TreeMap<>();
  final Keys keys = new Keys();

  @Override
  public KeyDao apiKeys() {
    return keys;
  }

  @Override
  public void insert(UUID id, String slug, String name, String quotasJson) {
    if (bySlug.containsKey(slug)) {
      throw new IllegalStateException(new SQLException("duplicate key", "23505"));
    }
    Instant now = Instant.now();
    bySlug.put(
        slug,
        new Tenant(id, slug, name, TenantStatus.ACTIVE, QuotasJson.read(quotasJson), now, now));
  }

  @Override
  public Optional<Tenant> findBySlug(String slug) {
    return Optional.ofNullable(bySlug.get(slug));
  }

  @Override
  public List<Tenant> list(String after, int limit) {
    return bySlug.values().stream()
        .filter(t -> t.slug().compareTo(after) > 0)
        .limit(limit)
        .toList();
  }

  @Override
  public void update(UUID id, String name, String quotasJson) {
    replace(
        id,
        t ->
            new Tenant(
                id,
                t.slug(),
                name,
                t.status(),
                QuotasJson.read(quotasJson),
                t.createdAt(),
                Instant.now()));
  }

  @Override
  public void setStatus(UUID id, String status) {
    replace(
        id,
        t ->
            new Tenant(
                id,
                t.slug(),
                t.name(),
                TenantStatus.fromJson(status),
                t.quotas(),
                t.createdAt(),
                Instant.now()));
  }

  private void replace(UUID id, java.util.function.UnaryOperator<Tenant> change) {
    bySlug.replaceAll((slug, t) -> t.id().equals(id) ? change.apply(t) : t);
  }

  /** The keys of every tenant, in creation order. */
  static final class Keys implements KeyDao {
    final List<UUID> tenantOf = new ArrayList<>();
    final List<ApiKey> keys = new ArrayList<>();

    @Override
    public void insert(
        UUID id, UUID tenantId, String prefix, byte[] hash, String name, String[] scopes) {
      tenantOf.add(tenantId);
      keys.add(new ApiKey(id, prefix, name, Arrays.asList(scopes), Instant.now(), null, null));
    }

    @Override
    public List<ApiKey> listForTenant(UUID tenantId) {
      List<ApiKey> of = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        if (tenantOf.get(i).equals(tenantId)) {
          of.add(keys.get(i));
        }
      }
      return of;
    }

    @Override
    public int revoke(UUID tenantId, UUID id) {
      for (int i = 0; i < keys.size(); i++) {
        ApiKey k = keys.get(i);
        if (k.id().equals(id) && tenantOf.get(i).equals(tenantId)) {
          keys.set(
              i,
              new ApiKey(
                  k.id(), k.prefix(), k.name(), k.scopes(), k.createdAt(), null, Instant.now()));
          return 1;
        }
      }
      return 0;
    }

    @Override
    public int revokeAll(UUID tenantId) {
      int n = 0;
      for (ApiKey k : listForTenant(tenantId)) {
        n += revoke(tenantId, k.id());
      }
      return n;
    }
  }
}
