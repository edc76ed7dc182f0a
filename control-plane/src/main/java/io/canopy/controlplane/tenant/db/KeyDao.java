package io.canopy.controlplane.tenant.db;

import io.canopy.controlplane.tenant.ApiKey;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** A tenant's API keys: created, listed, revoked. Only hashes are stored. */
@RegisterRowMapper(KeyRowMapper.class)
public interface KeyDao {

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
}
