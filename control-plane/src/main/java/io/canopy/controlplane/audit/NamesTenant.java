package io.canopy.controlplane.audit;

/**
 * A response body that names the tenant it concerns, for an audited action whose path does not
 * (creating a tenant): the audit entry files it under that tenant.
 */
public interface NamesTenant {
  String slug();
}
