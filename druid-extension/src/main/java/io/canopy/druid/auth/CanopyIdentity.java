package io.canopy.druid.auth;

import io.canopy.druid.quota.QueryQuota;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.druid.server.security.AuthenticationResult;

/**
 * Who a Druid request is, as Canopy's authenticator found it and its authorizer reads it: the
 * operator, Druid's own internal traffic, or one tenant (with its dedicated datasources). Carried
 * in the {@link AuthenticationResult}'s context; the identity string names the tenant, never a key.
 * A tenant's {@code quota} is what its queries may use on each Druid service; the operator's and
 * Druid's own traffic are not counted.
 */
public record CanopyIdentity(
    Role role, @Nullable String tenant, Set<String> dedicatedDatasources, QueryQuota quota) {
  /** What a caller may do, in kind. */
  public enum Role {
    OPERATOR,
    INTERNAL,
    TENANT
  }

  static final String CONTEXT_KEY = "canopy.identity";

  public CanopyIdentity {
    dedicatedDatasources = Set.copyOf(dedicatedDatasources);
  }

  public static CanopyIdentity operator() {
    return new CanopyIdentity(Role.OPERATOR, null, Set.of(), QueryQuota.DEFAULT);
  }

  public static CanopyIdentity internal() {
    return new CanopyIdentity(Role.INTERNAL, null, Set.of(), QueryQuota.DEFAULT);
  }

  public static CanopyIdentity tenant(String slug, List<String> dedicated) {
    return tenant(slug, dedicated, QueryQuota.DEFAULT);
  }

  public static CanopyIdentity tenant(String slug, List<String> dedicated, QueryQuota quota) {
    return new CanopyIdentity(Role.TENANT, slug, Set.copyOf(dedicated), quota);
  }

  /** How Druid's request log and errors name this caller. */
  public String name() {
    return switch (role) {
      case OPERATOR -> "operator";
      case INTERNAL -> "druid_system";
      case TENANT -> "tenant:" + tenant;
    };
  }

  AuthenticationResult toResult(String authenticatorName, String authorizerName) {
    return new AuthenticationResult(
        name(), authorizerName, authenticatorName, Map.of(CONTEXT_KEY, this));
  }

  /** The identity a result carries; null when another authenticator made it. */
  @Nullable
  static CanopyIdentity of(@Nullable AuthenticationResult result) {
    if (result == null || result.getContext() == null) {
      return null;
    }
    return result.getContext().get(CONTEXT_KEY) instanceof CanopyIdentity identity
        ? identity
        : null;
  }
}
