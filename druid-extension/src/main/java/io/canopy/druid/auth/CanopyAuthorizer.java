package io.canopy.druid.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.druid.query.filter.EqualityFilter;
import org.apache.druid.query.policy.NoRestrictionPolicy;
import org.apache.druid.query.policy.RowFilterPolicy;
import org.apache.druid.segment.column.ColumnType;
import org.apache.druid.server.security.Access;
import org.apache.druid.server.security.Action;
import org.apache.druid.server.security.AuthenticationResult;
import org.apache.druid.server.security.Authorizer;
import org.apache.druid.server.security.Resource;
import org.apache.druid.server.security.ResourceType;

/**
 * Canopy's authorizer ({@code druid.auth.authorizer.canopy.type=canopy}). The operator and Druid's
 * internal traffic may do everything. A tenant may only read:
 *
 * <ul>
 *   <li>a pooled datasource ({@code events}), restricted by a {@link RowFilterPolicy} to {@code
 *       tenant = '<slug>'}, which Druid's SQL planner and native query lifecycle both apply to
 *       every table a query touches, whatever the query says;
 *   <li>its own dedicated datasources, unrestricted;
 *   <li>query context parameters.
 * </ul>
 *
 * Anything else — another datasource, {@code sys} tables, {@code CONFIG}, {@code STATE}, {@code
 * EXTERNAL}, views, and every {@code WRITE} (tasks, supervisors, rules, lookups, the sampler) — is
 * denied, and a denied datasource is absent from the tenant's {@code INFORMATION_SCHEMA}. Stateless
 * and thread-safe.
 */
@JsonTypeName("canopy")
public class CanopyAuthorizer implements Authorizer {
  static final String TENANT_COLUMN = "tenant";
  private static final List<String> DEFAULT_POOLED = List.of("events");

  private final Set<String> pooledDatasources;

  @JsonCreator
  public CanopyAuthorizer(
      @JsonProperty("pooledDatasources") @Nullable List<String> pooledDatasources) {
    this.pooledDatasources =
        Set.copyOf(pooledDatasources == null ? DEFAULT_POOLED : pooledDatasources);
  }

  @JsonProperty
  public List<String> getPooledDatasources() {
    return pooledDatasources.stream().sorted().toList();
  }

  @Override
  public Access authorize(AuthenticationResult result, Resource resource, Action action) {
    CanopyIdentity identity = CanopyIdentity.of(result);
    if (identity == null) {
      return Access.deny("not authenticated by Canopy");
    }
    return switch (identity.role()) {
      case OPERATOR, INTERNAL -> unrestricted(resource, action);
      case TENANT -> forTenant(identity, resource, action);
    };
  }

  /**
   * Everything, and reading a datasource explicitly without restriction: a historical re-authorizes
   * the broker's query under Druid's internal identity, and Druid accepts a tenant's row filter
   * there only when that identity's own answer is {@link NoRestrictionPolicy}, not a plain allow.
   * Druid refuses a policy on anything but a read of a table.
   */
  private static Access unrestricted(Resource resource, Action action) {
    return ResourceType.DATASOURCE.equals(resource.getType()) && action == Action.READ
        ? Access.allowWithRestriction(NoRestrictionPolicy.instance())
        : Access.OK;
  }

  private Access forTenant(CanopyIdentity tenant, Resource resource, Action action) {
    if (ResourceType.QUERY_CONTEXT.equals(resource.getType())) {
      return Access.OK; // context keys change how a query runs, never which rows it sees
    }
    if (action != Action.READ) {
      return Access.deny("a tenant may only read");
    }
    if (!ResourceType.DATASOURCE.equals(resource.getType())) {
      return Access.deny("a tenant may read only its datasources");
    }
    String datasource = resource.getName();
    if (tenant.dedicatedDatasources().contains(datasource)) {
      return unrestricted(resource, action);
    }
    if (pooledDatasources.contains(datasource)) {
      return Access.allowWithRestriction(
          RowFilterPolicy.from(
              new EqualityFilter(TENANT_COLUMN, ColumnType.STRING, tenant.tenant(), null)));
    }
    return Access.deny("no such datasource for this tenant");
  }
}
