package io.canopy.controlplane.db;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Tenants, and their creation together with a first API key. */
@RegisterConstructorMapper(TenantRow.class)
public interface TenantDao {

  @CreateSqlObject
  ApiKeyDao apiKeys();

  @SqlUpdate("INSERT INTO tenants (id, slug, name) VALUES (:id, :slug, :name)")
  void insert(@Bind("id") UUID id, @Bind("slug") String slug, @Bind("name") String name);

  @SqlQuery("SELECT id, slug, name, created_at FROM tenants WHERE slug = :slug")
  Optional<TenantRow> findBySlug(@Bind("slug") String slug);

  /** Creates a tenant and one API key in one transaction; returns the tenant's id. */
  @Transaction
  default UUID createWithKey(
      String slug, String name, String keyPrefix, byte[] keyHash, String... scopes) {
    UUID tenantId = UUID.randomUUID();
    insert(tenantId, slug, name);
    apiKeys().insert(UUID.randomUUID(), tenantId, keyPrefix, keyHash, scopes);
    return tenantId;
  }
}
