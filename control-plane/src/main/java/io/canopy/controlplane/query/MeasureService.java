package io.canopy.controlplane.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.common.ConflictException;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.NotFoundException;
import io.canopy.controlplane.db.UniqueViolation;
import io.canopy.controlplane.query.QueryDatasources.Target;
import io.canopy.controlplane.query.cache.RefreshAhead;
import io.canopy.controlplane.query.db.MeasureDao;
import io.canopy.controlplane.query.measure.CustomMeasure;
import io.canopy.controlplane.query.measure.Measure;
import io.canopy.controlplane.query.measure.MeasureCatalog;
import io.canopy.controlplane.query.model.QueryModel;
import io.canopy.controlplane.query.model.TimeRange;
import io.canopy.controlplane.query.sql.QueryPlanner;
import io.canopy.controlplane.query.sql.QuerySql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.JdbiException;

/**
 * A tenant's custom measures per datasource: stored in PostgreSQL, checked before they are stored
 * by compiling them against the datasource's columns, and merged with the built-in ones into the
 * {@link MeasureCatalog} every query uses. The catalog is remembered per tenant and datasource for
 * reread every {@link #CATALOG_REFRESH} while queries use it and never used older than {@link
 * #CATALOG_MAX_AGE} ({@link RefreshAhead}): a change made through this instance applies to its next
 * query, one made through another instance within the first (at most the second). Thread-safe.
 */
public final class MeasureService {
  /** How often a catalog in use is reread; another instance's change shows about this soon. */
  static final Duration CATALOG_REFRESH = Duration.ofSeconds(10);

  /** The oldest a catalog may be when a query uses it. */
  static final Duration CATALOG_MAX_AGE = Duration.ofSeconds(60);

  private record CatalogKey(UUID tenantId, String datasource) {}

  private final LoadingCache<CatalogKey, MeasureCatalog> catalogs;
  private final MeasureDao dao;
  private final QueryDatasources datasources;
  private final ObjectMapper json;

  /**
   * @param reloader reloads the catalogs in use in the background ({@link RefreshAhead})
   */
  public MeasureService(
      MeasureDao dao, QueryDatasources datasources, ObjectMapper json, Executor reloader) {
    this.catalogs =
        RefreshAhead.build(
            CATALOG_REFRESH,
            CATALOG_MAX_AGE,
            reloader,
            k ->
                new MeasureCatalog(
                    custom(k.tenantId(), k.datasource()).stream()
                        .map(c -> c.toMeasure())
                        .toList()));
    this.dao = dao;
    this.datasources = datasources;
    this.json = json;
  }

  /** The built-in measures and the tenant's own, for queries on {@code datasource}. */
  public MeasureCatalog catalog(UUID tenantId, String datasource) {
    return catalogs.get(new CatalogKey(tenantId, datasource));
  }

  /** The measures of a datasource the caller's tenant has: built in and its own. */
  public record Listing(MeasureCatalog catalog, List<CustomMeasure> custom) {}

  /**
   * @throws io.canopy.controlplane.common.NotFoundException when the tenant has no such datasource
   */
  public Listing list(Caller.TenantKey caller, String datasource) {
    Target target = datasources.resolve(caller, datasource);
    List<CustomMeasure> own = custom(caller.tenantId(), target.name());
    return new Listing(
        new MeasureCatalog(own.stream().map(CustomMeasure::toMeasure).toList()), own);
  }

  /** The tenant's own measures on {@code datasource}, by name. */
  public List<CustomMeasure> custom(UUID tenantId, String datasource) {
    List<CustomMeasure> out = new ArrayList<>();
    for (String definition : dao.definitions(tenantId, datasource)) {
      out.add(read(definition));
    }
    return out;
  }

  public CustomMeasure get(Caller.TenantKey caller, String datasource, String name) {
    Target target = datasources.resolve(caller, datasource);
    return dao.definition(caller.tenantId(), target.name(), name)
        .map(this::read)
        .orElseThrow(() -> notFound(name, datasource));
  }

  public CustomMeasure create(Caller.TenantKey caller, String datasource, CustomMeasure m) {
    Target target = check(caller, datasource, m);
    try {
      dao.insert(caller.tenantId(), target.name(), m.name(), write(m));
      changed(caller, target);
    } catch (JdbiException e) {
      if (UniqueViolation.is(e)) {
        throw new ConflictException("name", "a measure '" + m.name() + "' exists already");
      }
      throw e;
    }
    return m;
  }

  public CustomMeasure replace(
      Caller.TenantKey caller, String datasource, String name, CustomMeasure m) {
    if (!name.equals(m.name())) {
      throw new InvalidInputException("name", "must be the measure's name in the path, " + name);
    }
    Target target = check(caller, datasource, m);
    if (dao.update(caller.tenantId(), target.name(), name, write(m)) == 0) {
      throw notFound(name, datasource);
    }
    changed(caller, target);
    return m;
  }

  public void delete(Caller.TenantKey caller, String datasource, String name) {
    Target target = datasources.resolve(caller, datasource);
    if (dao.delete(caller.tenantId(), target.name(), name) == 0) {
      throw notFound(name, datasource);
    }
    changed(caller, target);
  }

  private void changed(Caller.TenantKey caller, Target target) {
    catalogs.invalidate(new CatalogKey(caller.tenantId(), target.name()));
  }

  /** Compiles a one-measure query with it, so a bad column or filter is a 400 now, not later. */
  private Target check(Caller.TenantKey caller, String datasource, CustomMeasure m) {
    Measure measure = m.toMeasure();
    Target target = datasources.resolve(caller, datasource);
    if (target.empty()) {
      throw InvalidInputException.unprocessable(
          "datasource",
          "datasource '"
              + datasource
              + "' holds no data yet; its columns are unknown until it does");
    }
    List<Measure> others = new ArrayList<>();
    for (CustomMeasure c : custom(caller.tenantId(), target.name())) {
      if (!c.name().equals(m.name())) {
        others.add(c.toMeasure());
      }
    }
    others.add(measure);
    MeasureCatalog catalog = new MeasureCatalog(others);
    QueryModel probe =
        new QueryModel(
            QueryModel.VERSION,
            target.name(),
            List.of(m.name()),
            null,
            null,
            TimeRange.relative("last 1h"),
            null,
            null,
            null,
            null,
            null);
    var plan =
        QueryPlanner.plan(probe, caller.tenantSlug(), target.druidName(), Instant.now(), catalog);
    new QuerySql(target.columns(), catalog).totals(plan);
    return target;
  }

  private CustomMeasure read(String definition) {
    try {
      return json.readValue(definition, CustomMeasure.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored measure is not readable", e);
    }
  }

  private String write(CustomMeasure m) {
    try {
      return json.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a measure cannot be written", e);
    }
  }

  private static NotFoundException notFound(String name, String datasource) {
    return new NotFoundException("no measure '" + name + "' on datasource '" + datasource + "'");
  }
}
