package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.auth.Scope;
import io.canopy.controlplane.common.NotFoundException;
import io.canopy.controlplane.datasource.DatasourceService;
import io.canopy.controlplane.druid.DruidSqlRunner;
import io.canopy.controlplane.druid.SqlParameter;
import io.canopy.controlplane.query.sql.Columns;
import io.canopy.controlplane.tenant.TenantAccess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which Druid datasource a query's {@code datasource} means for the calling tenant (the pooled
 * {@code events}, or one of its own dedicated datasources, by its Canopy name), and that
 * datasource's columns as Druid reports them to the tenant. Columns are remembered for a minute per
 * tenant and datasource. Thread-safe.
 */
public final class QueryDatasources {
  /** How long a datasource's columns are remembered. */
  static final Duration COLUMNS_TTL = Duration.ofMinutes(1);

  /** A datasource as a query reads it. */
  public record Target(String name, String druidName, Columns columns) {
    /** Whether Druid holds no data of it yet. */
    public boolean empty() {
      return columns.kinds().isEmpty();
    }
  }

  private final TenantAccess access;
  private final DatasourceService datasources;
  private final String pooled;
  private final DruidSqlRunner druid;
  private final Cache<List<String>, Columns> columns =
      Caffeine.newBuilder().expireAfterWrite(COLUMNS_TTL).maximumSize(10_000).build();

  public QueryDatasources(
      TenantAccess access, DatasourceService datasources, String pooled, DruidSqlRunner druid) {
    this.access = access;
    this.datasources = datasources;
    this.pooled = pooled;
    this.druid = druid;
  }

  /**
   * The datasource {@code name} of the caller's tenant; its columns are empty while Druid holds no
   * data of it yet (a datasource exists in Druid once a segment or a task holds a row of it).
   *
   * @throws NotFoundException when the tenant has no such datasource
   */
  public Target resolve(Caller.TenantKey caller, String name) {
    // The pooled datasource is every tenant's: the key's own row (read when it authenticated)
    // already said the tenant is active and may query. A dedicated one is looked up.
    String druidName =
        name.equals(pooled)
            ? pooled
            : datasources
                .live(access.tenant(caller, caller.tenantSlug(), Scope.QUERY), name)
                .druidName();
    List<String> key = List.of(caller.tenantSlug(), druidName);
    Columns known = columns.get(key, k -> read(caller, druidName));
    if (known.kinds().isEmpty()) {
      columns.invalidate(key); // not remembered: data may arrive any moment
    }
    return new Target(name, druidName, known);
  }

  private Columns read(Caller.TenantKey caller, String druidName) {
    JsonNode rows =
        druid.rows(
            TenantQuery.of(
                caller,
                "columns-",
                "SELECT COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = 'druid' AND TABLE_NAME = ?",
                List.of(SqlParameter.varchar(druidName)),
                Duration.ofSeconds(10),
                "datasource",
                0));
    Map<String, Columns.Kind> kinds = new HashMap<>();
    for (JsonNode row : rows) {
      kinds.put(
          row.path("COLUMN_NAME").asText(), Columns.Kind.ofSqlType(row.path("DATA_TYPE").asText()));
    }
    return new Columns(druidName, kinds);
  }
}
