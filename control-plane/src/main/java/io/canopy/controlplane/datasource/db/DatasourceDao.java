package io.canopy.controlplane.datasource.db;

import io.canopy.controlplane.datasource.Datasource;
import io.canopy.controlplane.datasource.DatasourceStatus;
import io.canopy.controlplane.datasource.LiveDatasources;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** A tenant's dedicated datasources. Deleted ones stay as rows (status {@code deleted}). */
@RegisterRowMapper(DatasourceRowMapper.class)
public interface DatasourceDao extends LiveDatasources {

  @SqlUpdate(
      """
      INSERT INTO datasources (id, tenant_id, name, druid_name, topic, preset, dimensions)
      VALUES (:id, :tenantId, :name, :druidName, :topic, :preset, :dimensions)
      """)
  void insert(
      @Bind("id") UUID id,
      @Bind("tenantId") UUID tenantId,
      @Bind("name") String name,
      @Bind("druidName") String druidName,
      @Bind("topic") String topic,
      @Bind("preset") String preset,
      @Bind("dimensions") String[] dimensions);

  @SqlQuery(
      "SELECT * FROM datasources WHERE tenant_id = :tenantId AND status <> 'deleted' ORDER BY name")
  List<Datasource> listLive(@Bind("tenantId") UUID tenantId);

  @Override
  @SqlQuery("SELECT * FROM datasources WHERE status IN ('active', 'suspended') ORDER BY druid_name")
  List<Datasource> listAllLive();

  @SqlQuery(
      """
      SELECT * FROM datasources
      WHERE tenant_id = :tenantId AND name = :name AND status <> 'deleted'
      """)
  Optional<Datasource> findLive(@Bind("tenantId") UUID tenantId, @Bind("name") String name);

  @SqlQuery("SELECT * FROM datasources WHERE id = :id")
  Optional<Datasource> find(@Bind("id") UUID id);

  @SqlUpdate("UPDATE datasources SET status = :status, updated_at = now() WHERE id = :id")
  void setStatus(@Bind("id") UUID id, @Bind("status") String status);

  default void setStatus(UUID id, DatasourceStatus status) {
    setStatus(id, status.json());
  }

  /** Datasources whose delete was accepted and is not finished, oldest first. */
  @SqlQuery("SELECT * FROM datasources WHERE status = 'deleting' ORDER BY updated_at")
  List<Datasource> listDeleting();
}
