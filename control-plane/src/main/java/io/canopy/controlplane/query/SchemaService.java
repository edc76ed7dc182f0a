package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.druid.DruidSql;
import io.canopy.controlplane.query.QueryDatasources.Target;
import io.canopy.controlplane.query.measure.Measure;
import io.canopy.controlplane.query.sql.Columns;
import io.canopy.controlplane.query.sql.MetadataSql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a tenant can ask of one of its datasources: the dimensions to split and filter by, the
 * numeric columns, the measures, and the span of its own data (first and last event's minute).
 * Thread-safe.
 */
public final class SchemaService {
  private final QueryDatasources datasources;
  private final MeasureService measures;
  private final DruidSql druid;

  public SchemaService(QueryDatasources datasources, MeasureService measures, DruidSql druid) {
    this.datasources = datasources;
    this.measures = measures;
    this.druid = druid;
  }

  /** A datasource's schema as the tenant sees it; {@code first}/{@code last} null when empty. */
  public record Schema(
      String name,
      List<String> dimensions,
      List<String> numbers,
      List<String> measures,
      Instant first,
      Instant last) {}

  public Schema schema(Caller.TenantKey caller, String name) {
    Target target = datasources.resolve(caller, name);
    if (target.empty()) {
      return new Schema(target.name(), List.of(), List.of(), names(caller, target), null, null);
    }
    List<String> dims = of(target.columns(), Columns.Kind.STRING);
    List<String> numbers = of(target.columns(), Columns.Kind.NUMBER);
    List<String> names = names(caller, target);
    JsonNode bounds =
        druid
            .rows(
                TenantQuery.of(
                    caller,
                    TenantQuery.newRequest(),
                    "schema-",
                    MetadataSql.span(target.druidName(), caller.tenantSlug()),
                    Duration.ofMillis(caller.quotas().queryTimeoutMs()),
                    "datasource",
                    0))
            .path(0);
    return new Schema(
        target.name(),
        dims,
        numbers,
        names,
        DruidTime.instant(bounds.path("lo")),
        DruidTime.instant(bounds.path("hi")));
  }

  private List<String> names(Caller.TenantKey caller, Target target) {
    return measures.catalog(caller.tenantId(), target.name()).all().stream()
        .map(Measure::name)
        .toList();
  }

  private static List<String> of(Columns columns, Columns.Kind kind) {
    return columns.kinds().entrySet().stream()
        .filter(e -> e.getValue() == kind && !e.getKey().equals("tenant"))
        .map(java.util.Map.Entry::getKey)
        .sorted()
        .toList();
  }
}
