package io.canopy.druid.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.druid.query.filter.EqualityFilter;
import org.apache.druid.query.policy.NoRestrictionPolicy;
import org.apache.druid.query.policy.RowFilterPolicy;
import org.apache.druid.segment.column.ColumnType;
import org.apache.druid.server.security.Access;
import org.apache.druid.server.security.Action;
import org.apache.druid.server.security.AuthenticationResult;
import org.apache.druid.server.security.Resource;
import org.apache.druid.server.security.ResourceType;
import org.junit.jupiter.api.Test;

class CanopyAuthorizerTest {
  private final CanopyAuthorizer authorizer = new CanopyAuthorizer(null);
  private final AuthenticationResult tenantA =
      CanopyIdentity.tenant("a", List.of("a_web")).toResult("canopy", "canopy");

  private Access tenantA(String type, String name, Action action) {
    return authorizer.authorize(tenantA, new Resource(name, type), action);
  }

  @Test
  void aTenantReadsThePooledDatasourceOnlyThroughItsOwnRowFilter() {
    Access access = tenantA(ResourceType.DATASOURCE, "events", Action.READ);

    assertThat(access.isAllowed()).isTrue();
    assertThat(access.getPolicy())
        .contains(RowFilterPolicy.from(new EqualityFilter("tenant", ColumnType.STRING, "a", null)));
  }

  @Test
  void aTenantReadsItsDedicatedDatasourceUnrestrictedAndNoOtherDatasource() {
    Access own = tenantA(ResourceType.DATASOURCE, "a_web", Action.READ);

    assertThat(own.isAllowed()).isTrue();
    assertThat(own.getPolicy()).contains(NoRestrictionPolicy.instance());
    for (String other : List.of("b_web", "events_copy", "a_web2", "")) {
      assertThat(tenantA(ResourceType.DATASOURCE, other, Action.READ).isAllowed())
          .as(other)
          .isFalse();
    }
  }

  @Test
  void aTenantWritesNothingAndSeesNoSystemTableConfigStateOrExternalInput() {
    for (String datasource : List.of("events", "a_web")) {
      assertThat(tenantA(ResourceType.DATASOURCE, datasource, Action.WRITE).isAllowed()).isFalse();
    }
    for (String type :
        List.of(
            ResourceType.SYSTEM_TABLE,
            ResourceType.CONFIG,
            ResourceType.STATE,
            ResourceType.EXTERNAL,
            ResourceType.VIEW)) {
      for (Action action : Action.values()) {
        assertThat(tenantA(type, "segments", action).isAllowed()).as(type + " " + action).isFalse();
      }
    }
  }

  @Test
  void queryContextParametersAreAllowedSinceTheyNeverWidenTheRows() {
    assertThat(tenantA(ResourceType.QUERY_CONTEXT, "sqlTimeZone", Action.WRITE).isAllowed())
        .isTrue();
  }

  @Test
  void theOperatorAndDruidItselfMayDoEverythingUnrestricted() {
    for (CanopyIdentity who : List.of(CanopyIdentity.operator(), CanopyIdentity.internal())) {
      AuthenticationResult result = who.toResult("canopy", "canopy");
      for (Resource resource :
          List.of(
              new Resource("events", ResourceType.DATASOURCE),
              new Resource("segments", ResourceType.SYSTEM_TABLE),
              Resource.STATE_RESOURCE)) {
        for (Action action : Action.values()) {
          Access access = authorizer.authorize(result, resource, action);
          assertThat(access.isAllowed()).isTrue();
          // reading a datasource says so explicitly: Druid then accepts a tenant's filter
          // downstream; Druid refuses a policy on anything else
          if (resource.getType().equals(ResourceType.DATASOURCE) && action == Action.READ) {
            assertThat(access.getPolicy()).contains(NoRestrictionPolicy.instance());
          } else {
            assertThat(access.getPolicy()).isEmpty();
          }
        }
      }
    }
  }

  @Test
  void aCallerNotAuthenticatedByCanopyIsDenied() {
    AuthenticationResult foreign =
        new AuthenticationResult("admin", "canopy", "basic", java.util.Map.of());

    assertThat(
            authorizer
                .authorize(foreign, new Resource("events", ResourceType.DATASOURCE), Action.READ)
                .isAllowed())
        .isFalse();
  }

  @Test
  void otherPooledDatasourcesCanBeConfigured() {
    CanopyAuthorizer custom = new CanopyAuthorizer(List.of("events", "clicks"));

    assertThat(
            custom
                .authorize(tenantA, new Resource("clicks", ResourceType.DATASOURCE), Action.READ)
                .getPolicy())
        .isPresent();
  }
}
