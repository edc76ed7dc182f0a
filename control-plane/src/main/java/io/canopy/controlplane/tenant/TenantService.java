package io.canopy.controlplane.tenant;

import io.canopy.controlplane.common.ConflictException;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.Page;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import io.canopy.controlplane.config.IngestConfig;
import io.canopy.controlplane.db.UniqueViolation;
import io.canopy.controlplane.erasure.PooledErasure;
import io.canopy.controlplane.tenant.db.TenantDao;
import java.util.Optional;

/**
 * Tenant lifecycle: create, list, update name and quotas, suspend, resume, delete. Checks every
 * input and answers with {@link io.canopy.controlplane.common.RefusedException}s naming the field.
 * Thread-safe.
 */
public final class TenantService {
  private static final int MAX_NAME = 200;

  private final TenantDao tenants;
  private final DedicatedDatasources datasources;
  private final IngestConfig server;
  private final PooledErasure erasure;

  public TenantService(
      TenantDao tenants,
      DedicatedDatasources datasources,
      IngestConfig server,
      PooledErasure erasure) {
    this.tenants = tenants;
    this.datasources = datasources;
    this.server = server;
    this.erasure = erasure;
  }

  /** Every quota of a tenant: what was set for it, the documented defaults for the rest. */
  public Quotas quotas(Quotas stored) {
    return Quotas.defaults(server).with(stored);
  }

  public TenantDetails details(Tenant tenant) {
    return new TenantDetails(
        tenant,
        quotas(tenant.quotas()),
        tenant.status() == TenantStatus.DELETED ? erasure.find(tenant.id()) : Optional.empty());
  }

  /** Creates a tenant; {@code quotas} holds what is set for it, null for the defaults. */
  public TenantDetails create(String slugText, String nameText, Quotas quotas) {
    TenantSlug slug = TenantSlug.of(slugText);
    String name = name(nameText);
    quotas(quotas).validate(server);
    try {
      tenants.create(slug.value(), name, Quotas.UNSET.with(quotas));
    } catch (RuntimeException e) {
      if (UniqueViolation.is(e)) {
        throw new ConflictException("slug", "tenant '" + slug + "' already exists");
      }
      throw e;
    }
    return details(find(slug.value()));
  }

  public Page<TenantDetails> list(String after, int limit) {
    return Page.of(tenants.list(after == null ? "" : after, limit), limit, Tenant::slug)
        .map(this::details);
  }

  /**
   * Changes a tenant's name and quotas; a null field keeps its value, and the slug, if given, must
   * be the tenant's own.
   */
  public TenantDetails update(Tenant tenant, String slug, String nameText, Quotas quotas) {
    tenant.requireNotDeleted();
    if (slug != null && !slug.equals(tenant.slug())) {
      throw new InvalidInputException("slug", "cannot be changed");
    }
    String name = nameText == null ? tenant.name() : name(nameText);
    Quotas stored = tenant.quotas().with(quotas);
    quotas(stored).validate(server);
    tenants.update(tenant.id(), name, stored);
    return details(find(tenant.slug()));
  }

  public TenantDetails setStatus(Tenant tenant, TenantStatus status) {
    tenant.requireNotDeleted();
    tenants.setStatus(tenant.id(), status);
    return details(find(tenant.slug()));
  }

  /**
   * Marks the tenant deleted, revokes its keys and requests the erasure of its rows from the pooled
   * datasource; deleting twice is not an error. A tenant with a live dedicated datasource is
   * refused (a conflict): its supervisor would keep running unowned.
   */
  public void delete(Tenant tenant) {
    if (datasources.anyLive(tenant.id())) {
      throw new ConflictException(
          null, "tenant '" + tenant.slug() + "' still has a dedicated datasource: delete it first");
    }
    tenants.markDeleted(tenant.id());
    erasure.request(tenant.id(), tenant.slug(), tenant.createdAt());
  }

  private Tenant find(String slug) {
    return tenants
        .findBySlug(slug)
        .orElseThrow(() -> new IllegalStateException("tenant " + slug + " vanished"));
  }

  private static String name(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new InvalidInputException("name", "must be 1-" + MAX_NAME + " characters");
    }
    return name.strip();
  }
}
