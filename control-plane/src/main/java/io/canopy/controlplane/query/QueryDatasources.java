package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.auth.Scope;
import io.canopy.controlplane.common.NotFoundException;
import io.canopy.controlplane.datasource.DatasourceService;
import io.canopy.controlplane.druid.DruidSql;
import io.canopy.controlplane.query.cache.RefreshAhead;
import io.canopy.controlplane.query.sql.Columns;
import io.canopy.controlplane.query.sql.MetadataSql;
import io.canopy.controlplane.tenant.TenantAccess;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Which Druid datasource a query's {@code datasource} means for the calling tenant (the pooled
 * {@code events}, or one of its own dedicated datasources, by its Canopy name), and that
 * datasource's columns as Druid reports them to the tenant. Columns are remembered per tenant and
 * datasource, reread in the background every minute while in use and never used more than {@link
 * #COLUMNS_MAX_AGE} old ({@link RefreshAhead}): with a plain expiry every request of the datasource
 * waited, once a minute, on the one that reread them (up to 0.8 s on a saturated machine). A reread
 * runs as the tenant key that first asked; if Druid refuses it (say the key was revoked), the
 * columns serve until their maximum age and the next request reads them as itself. Thread-safe.
 */
public final class QueryDatasources {
  /** How often columns in use are reread. */
  static final Duration COLUMNS_TTL = Duration.ofMinutes(1);

  /** The oldest columns a query uses. */
  static final Duration COLUMNS_MAX_AGE = Duration.ofMinutes(5);

  /**
   * Whose columns of which datasource; {@code asker} rides along to read them as, and is no part of
   * the key's identity.
   */
  private static final class ColumnsOf {
    private final String tenant;
    private final String druidName;
    private final Caller.TenantKey asker;

    ColumnsOf(Caller.TenantKey asker, String druidName) {
      this.tenant = asker.tenantSlug();
      this.druidName = druidName;
      this.asker = asker;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ColumnsOf c && c.tenant.equals(tenant) && c.druidName.equals(druidName);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tenant, druidName);
    }
  }

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
  private final DruidSql druid;
  private final LoadingCache<ColumnsOf, Columns> columns;

  /**
   * @param reloader rereads the columns in use in the background
   */
  public QueryDatasources(
      TenantAccess access,
      DatasourceService datasources,
      String pooled,
      DruidSql druid,
      Executor reloader) {
    this.access = access;
    this.datasources = datasources;
    this.pooled = pooled;
    this.druid = druid;
    this.columns =
        RefreshAhead.build(
            COLUMNS_TTL, COLUMNS_MAX_AGE, reloader, of -> read(of.asker, of.druidName));
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
    ColumnsOf key = new ColumnsOf(caller, druidName);
    Columns known = columns.get(key);
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
                TenantQuery.METADATA,
                "columns-",
                MetadataSql.columns(druidName),
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
