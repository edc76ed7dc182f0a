package io.canopy.controlplane.auth.db;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The authentication read path of API keys: the active key with a prefix, with what a request needs
 * of its tenant, and when it was last used. Keys are created and revoked by the tenant feature
 * ({@code tenant.db.KeyDao}). Only hashes are stored; see {@link
 * io.canopy.controlplane.auth.ApiKeys}.
 */
@RegisterRowMapper(ActiveKeyMapper.class)
public interface ApiKeyDao {

  @SqlQuery(
      """
      SELECT k.id, k.prefix, k.tenant_id, t.slug, t.status, t.quotas, k.secret_hash, k.scopes,
             d.topic, d.druid_name
      FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
      LEFT JOIN datasources d ON d.tenant_id = t.id AND d.status NOT IN ('deleting', 'deleted')
      WHERE k.prefix = :prefix AND k.revoked_at IS NULL
      """)
  Optional<ApiKeyRow> findActiveByPrefix(@Bind("prefix") String prefix);

  /** Records use, at most once a minute per key so hot keys don't write on every request. */
  @SqlUpdate(
      """
      UPDATE api_keys SET last_used_at = now()
      WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
      """)
  void touch(@Bind("id") UUID id);
}
