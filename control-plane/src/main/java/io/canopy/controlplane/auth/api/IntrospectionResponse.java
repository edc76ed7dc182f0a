package io.canopy.controlplane.auth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.canopy.controlplane.auth.KeyIntrospection;
import io.canopy.controlplane.auth.Scope;
import java.util.List;
import java.util.Set;

/**
 * The answer of an introspection; an inactive key's is {@code {"active": false}} alone. {@code
 * queryQuotas}: the tenant's complete query quotas, which Druid enforces.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntrospectionResponse(
    boolean active,
    String tenant,
    Set<Scope> scopes,
    List<String> dedicatedDatasources,
    QueryQuotas queryQuotas) {
  /** The quotas of a tenant's queries, as Druid reads them. */
  public record QueryQuotas(int concurrency, int perMinute, int timeoutMs, int priority) {}

  static IntrospectionResponse of(KeyIntrospection.Answer a) {
    return a.active()
        ? new IntrospectionResponse(
            true,
            a.tenant(),
            a.scopes(),
            a.dedicatedDatasources(),
            new QueryQuotas(
                a.quotas().queryConcurrency(),
                a.quotas().queriesPerMinute(),
                a.quotas().queryTimeoutMs(),
                a.quotas().queryPriority()))
        : new IntrospectionResponse(false, null, null, null, null);
  }
}
