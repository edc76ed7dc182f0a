package io.canopy.controlplane.tenant;

import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.erasure.ErasureProgress;
import java.util.Optional;

/**
 * A tenant with what its page shows: every quota, the documented defaults filled in, and for a
 * deleted tenant the erasure of its pooled rows.
 */
public record TenantDetails(Tenant tenant, Quotas quotas, Optional<ErasureProgress> erasure) {}
