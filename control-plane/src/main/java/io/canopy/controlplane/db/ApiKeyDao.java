package io.canopy.controlplane.db;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** API keys. Only hashes are stored; see {@link io.canopy.controlplane.auth.ApiKeys}. */
@RegisterRowMapper(ApiKeyDao.ActiveKeyMapper.class)
public interface ApiKeyDao {

  @SqlUpdate(
      """
      INSERT INTO api_keys (id, tenant_id, prefix, secret_hash, scopes)
      VALUES (:id, :tenantId, :prefix, :secretHash, :scopes)
      """)
  void insert(
      @Bind("id") UUID id,
      @Bind("tenantId") UUID tenantId,
      @Bind("prefix") String prefix,
      @Bind("secretHash") byte[] secretHash,
      @Bind("scopes") String[] scopes);

  @SqlQuery(
      """
      SELECT k.id, k.tenant_id, t.slug, k.secret_hash, k.scopes
      FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
      WHERE k.prefix = :prefix AND k.revoked_at IS NULL
      """)
  Optional<ApiKeyRow> findActiveByPrefix(@Bind("prefix") String prefix);

  @SqlUpdate("UPDATE api_keys SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
  int revoke(@Bind("id") UUID id);

  /** Records use, at most once a minute per key so hot keys don't write on every request. */
  @SqlUpdate(
      """
      UPDATE api_keys SET last_used_at = now()
      WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
      """)
  void touch(@Bind("id") UUID id);

  /** Maps the joined row of {@link #findActiveByPrefix}. */
  class ActiveKeyMapper implements RowMapper<ApiKeyRow> {
    @Override
    public ApiKeyRow map(ResultSet rs, StatementContext ctx) throws SQLException {
      Array scopes = rs.getArray("scopes");
      return new ApiKeyRow(
          rs.getObject("id", UUID.class),
          rs.getObject("tenant_id", UUID.class),
          rs.getString("slug"),
          rs.getBytes("secret_hash"),
          Set.of((String[]) scopes.getArray()));
    }
  }
}
