package io.canopy.controlplane.auth;

import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/** Callers for unit tests that need a tenant's key without a database. */
public final class TestCallers {
  private TestCallers() {}

  /** An active tenant's key with the {@code query} scope and these (complete) quotas. */
  public static Caller.TenantKey queryKey(String slug, Quotas quotas) {
    return new Caller.TenantKey(
        UUID.nameUUIDFromBytes(("key " + slug).getBytes(StandardCharsets.UTF_8)),
        "cnp_test",
        UUID.nameUUIDFromBytes(slug.getBytes(StandardCharsets.UTF_8)),
        slug,
        TenantStatus.ACTIVE,
        quotas,
        Set.of(Scope.QUERY),
        null,
        new KeyCredential("cnp_test", "cnp_test_" + slug));
  }
}
