package io.canopy.controlplane.query.db;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Tenants' custom measures; the definition is the measure's JSON. */
public interface MeasureDao {

  /** Stores a new measure; a unique violation when the name is taken. */
  @SqlUpdate(
      """
      INSERT INTO measures (tenant_id, datasource, name, definition)
      VALUES (:tenant, :datasource, :name, CAST(:definition AS jsonb))
      """)
  void insert(
      @Bind("tenant") UUID tenantId,
      @Bind("datasource") String datasource,
      @Bind("name") String name,
      @Bind("definition") String definition);

  /** Replaces a measure's definition; how many rows changed (0: no such measure). */
  @SqlUpdate(
      """
      UPDATE measures SET definition = CAST(:definition AS jsonb), updated_at = now()
      WHERE tenant_id = :tenant AND datasource = :datasource AND name = :name
      """)
  int update(
      @Bind("tenant") UUID tenantId,
      @Bind("datasource") String datasource,
      @Bind("name") String name,
      @Bind("definition") String definition);

  @SqlUpdate(
      "DELETE FROM measures WHERE tenant_id = :tenant AND datasource = :datasource AND name = :name")
  int delete(
      @Bind("tenant") UUID tenantId,
      @Bind("datasource") String datasource,
      @Bind("name") String name);

  /** The definitions of a tenant's measures on a datasource, by name (at most 1,000). */
  @SqlQuery(
      """
      SELECT definition::text FROM measures
      WHERE tenant_id = :tenant AND datasource = :datasource ORDER BY name LIMIT 1000
      """)
  List<String> definitions(@Bind("tenant") UUID tenantId, @Bind("datasource") String datasource);

  @SqlQuery(
      """
      SELECT definition::text FROM measures
      WHERE tenant_id = :tenant AND datasource = :datasource AND name = :name
      """)
  Optional<String> definition(
      @Bind("tenant") UUID tenantId,
      @Bind("datasource") String datasource,
      @Bind("name") String name);
}
