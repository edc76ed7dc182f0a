package io.canopy.controlplane.datasource.db;

import io.canopy.controlplane.datasource.Thaw;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Thaws of dedicated datasources. */
@RegisterRowMapper(ThawRowMapper.class)
public interface ThawDao {

  @SqlUpdate(
      """
      INSERT INTO thaws (id, datasource_id, interval, expires_at)
      VALUES (:id, :datasourceId, :interval, :expiresAt)
      """)
  void insert(
      @Bind("id") UUID id,
      @Bind("datasourceId") UUID datasourceId,
      @Bind("interval") String interval,
      @Bind("expiresAt") OffsetDateTime expiresAt);

  /** Thaws whose load rule belongs in place: not expired, not yet due. */
  @SqlQuery(
      """
      SELECT * FROM thaws
      WHERE datasource_id = :id AND expired_at IS NULL AND expires_at > now()
      ORDER BY created_at
      """)
  List<Thaw> active(@Bind("id") UUID datasourceId);

  /** The datasource's thaws, newest first (at most 50). */
  @SqlQuery("SELECT * FROM thaws WHERE datasource_id = :id ORDER BY created_at DESC, id LIMIT 50")
  List<Thaw> recent(@Bind("id") UUID datasourceId);

  /** Active thaws past their expiry. */
  @SqlQuery("SELECT * FROM thaws WHERE expired_at IS NULL AND expires_at <= now()")
  List<Thaw> due();

  @SqlUpdate("UPDATE thaws SET expired_at = now() WHERE id = :id AND expired_at IS NULL")
  void markExpired(@Bind("id") UUID id);
}
