package io.canopy.controlplane.auth.db;

import io.canopy.controlplane.tenant.ApiKey;
import io.canopy.controlplane.tenant.db.KeyRowMapper;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** API keys. Only hashes are stored; see {@link io.canopy.controlplane.auth.ApiKeys}. */
@RegisterRowMapper(ActiveKeyMapper.class)
@RegisterRowMapper(KeyRowMapper.class)
public interface ApiKeyDao {

  /** A key to store: its id, public prefix, hash, name and scopes. */
  record NewKey(UUID id, String prefix, byte[] secretHash, String name, List<String> scopes) {}

  @SqlUpdate(
      """
      INSERT INTO api_keys (id, tenant_id, prefix, secret_hash, name, scopes)
      VALUES (:id, :tenantId, :prefix, :secretHash, :name, :scopes)
      """)
  void insert(
      @Bind("id") UUID id,
      @Bind("tenantId") UUID tenantId,
      @Bind("prefix") String prefix,
      @Bind("secretHash") byte[] secretHash,
      @Bind("name") String name,
      @Bind("scopes") String[] scopes);

  default void insert(UUID tenantId, NewKey key) {
    insert(
        key.id(),
        tenantId,
        key.prefix(),
        key.secretHash(),
        key.name(),
        key.scopes().toArray(String[]::new));
  }

  @SqlQuery(
      """
      SELECT k.id, k.prefix, k.tenant_id, t.slug, t.status, t.quotas, k.secret_hash, k.scopes,
             d.topic
      FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
      LEFT JOIN datasources d ON d.tenant_id = t.id AND d.status <> 'deleted'
      WHERE k.prefix = :prefix AND k.revoked_at IS NULL
      """)
  Optional<ApiKeyRow> findActiveByPrefix(@Bind("prefix") String prefix);

  @SqlQuery(
      """
      SELECT id, prefix, name, scopes, created_at, last_used_at, revoked_at
      FROM api_keys WHERE tenant_id = :tenantId ORDER BY created_at, id
      """)
  List<ApiKey> listForTenant(@Bind("tenantId") UUID tenantId);

  /** Revokes one of the tenant's keys; 0 if the tenant has no such key. Revoking twice is fine. */
  @SqlUpdate(
      """
      UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now())
      WHERE id = :id AND tenant_id = :tenantId
      """)
  int revoke(@Bind("tenantId") UUID tenantId, @Bind("id") UUID id);

  @SqlUpdate(
      "UPDATE api_keys SET revoked_at = now() WHERE tenant_id = :tenantId AND revoked_at IS NULL")
  int revokeAll(@Bind("tenantId") UUID tenantId);

  /** Records use, at most once a minute per key so hot keys don't write on every request. */
  @SqlUpdate(
      """
      UPDATE api_keys SET last_used_at = now()
      WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
      """)
  void touch(@Bind("id") UUID id);
}
