package io.canopy.controlplane.auth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.canopy.controlplane.auth.KeyIntrospection;
import io.canopy.controlplane.auth.Scope;
import java.util.List;
import java.util.Set;

/** The answer of an introspection; an inactive key's is {@code {"active": false}} alone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntrospectionResponse(
    boolean active, String tenant, Set<Scope> scopes, List<String> dedicatedDatasources) {
  static IntrospectionResponse of(KeyIntrospection.Answer a) {
    return a.active()
        ? new IntrospectionResponse(true, a.tenant(), a.scopes(), a.dedicatedDatasources())
        : new IntrospectionResponse(false, null, null, null);
  }
}
