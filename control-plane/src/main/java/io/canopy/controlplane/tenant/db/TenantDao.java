package io.canopy.controlplane.tenant.db;

import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import io.canopy.controlplane.db.QuotasJson;
import io.canopy.controlplane.tenant.Tenant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Tenants: creation (with a first key), paging, updates and the lifecycle. */
@RegisterRowMapper(TenantRowMapper.class)
public interface TenantDao {

  @CreateSqlObject
  KeyDao apiKeys();

  @SqlUpdate(
      "INSERT INTO tenants (id, slug, name, quotas) VALUES (:id, :slug, :name, CAST(:quotas AS jsonb))")
  void insert(
      @Bind("id") UUID id,
      @Bind("slug") String slug,
      @Bind("name") String name,
      @Bind("quotas") String quotasJson);

  /** Creates a tenant; returns its id. A taken slug fails with SQLState 23505. */
  default UUID create(String slug, String name, Quotas quotas) {
    UUID id = UUID.randomUUID();
    insert(id, slug, name, QuotasJson.write(quotas));
    return id;
  }

  @SqlQuery("SELECT " + Tenant.COLUMNS + " FROM tenants WHERE slug = :slug")
  Optional<Tenant> findBySlug(@Bind("slug") String slug);

  /** Up to {@code limit} tenants whose slug sorts after {@code after} ("" for the first page). */
  @SqlQuery(
      "SELECT " + Tenant.COLUMNS + " FROM tenants WHERE slug > :after ORDER BY slug LIMIT :limit")
  List<Tenant> list(@Bind("after") String after, @Bind("limit") int limit);

  @SqlUpdate(
      """
      UPDATE tenants SET name = :name, quotas = CAST(:quotas AS jsonb), updated_at = now()
      WHERE id = :id
      """)
  void update(@Bind("id") UUID id, @Bind("name") String name, @Bind("quotas") String quotasJson);

  default void update(UUID id, String name, Quotas quotas) {
    update(id, name, QuotasJson.write(quotas));
  }

  @SqlUpdate("UPDATE tenants SET status = :status, updated_at = now() WHERE id = :id")
  void setStatus(@Bind("id") UUID id, @Bind("status") String status);

  default void setStatus(UUID id, TenantStatus status) {
    setStatus(id, status.json());
  }

  /** Marks the tenant deleted and revokes every key in one transaction. */
  @Transaction
  default void markDeleted(UUID id) {
    setStatus(id, TenantStatus.DELETED);
    apiKeys().revokeAll(id);
  }

  /** Creates a tenant and one API key in one transaction; returns the tenant's id. */
  @Transaction
  default UUID createWithKey(String slug, String name, Quotas quotas, KeyDao.NewKey key) {
    UUID tenantId = create(slug, name, quotas);
    apiKeys().insert(tenantId, key);
    return tenantId;
  }
}
