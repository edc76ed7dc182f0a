package io.canopy.controlplane.tenant;

import io.canopy.controlplane.common.ConflictException;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import io.canopy.controlplane.config.IngestConfig;
import io.canopy.controlplane.datasource.db.DatasourceDao;
import io.canopy.controlplane.db.UniqueViolation;
import io.canopy.controlplane.erasure.PooledErasure;
import io.canopy.controlplane.tenant.api.ErasureResponse;
import io.canopy.controlplane.tenant.api.TenantRequest;
import io.canopy.controlplane.tenant.api.TenantResponse;
import io.canopy.controlplane.tenant.db.TenantDao;
import io.canopy.controlplane.web.PageResponse;
import java.util.List;

/**
 * Tenant lifecycle: create, list, update name and quotas, suspend, resume, delete. Checks every
 * input and answers with {@link io.canopy.controlplane.common.RefusedException}s naming the field.
 * Thread-safe.
 */
public final class TenantService {
  private static final int MAX_NAME = 200;

  private final TenantDao tenants;
  private final DatasourceDao datasources;
  private final IngestConfig server;
  private final PooledErasure erasure;

  public TenantService(
      TenantDao tenants, DatasourceDao datasources, IngestConfig server, PooledErasure erasure) {
    this.tenants = tenants;
    this.datasources = datasources;
    this.server = server;
    this.erasure = erasure;
  }

  /** Every quota of a tenant: what was set for it, the documented defaults for the rest. */
  public Quotas quotas(Quotas stored) {
    return Quotas.defaults(server).with(stored);
  }

  public TenantResponse view(Tenant row) {
    return new TenantResponse(
        row.slug(),
        row.name(),
        row.status(),
        quotas(row.quotas()),
        row.createdAt(),
        row.updatedAt(),
        row.status() == TenantStatus.DELETED ? erasure(row) : null);
  }

  private ErasureResponse erasure(Tenant row) {
    return erasure
        .find(row)
        .map(
            e ->
                new ErasureResponse(
                    e.state(),
                    e.datasource(),
                    e.requestedAt(),
                    e.completedAt(),
                    e.passes(),
                    e.lastError()))
        .orElse(null);
  }

  public TenantResponse create(TenantRequest request) {
    TenantSlug slug = TenantSlug.of(request.slug());
    String name = name(request.name());
    quotas(request.quotas()).validate(server);
    try {
      tenants.create(slug.value(), name, Quotas.UNSET.with(request.quotas()));
    } catch (RuntimeException e) {
      if (UniqueViolation.is(e)) {
        throw new ConflictException("slug", "tenant '" + slug + "' already exists");
      }
      throw e;
    }
    return view(find(slug.value()));
  }

  public PageResponse<TenantResponse> list(String after, int limit) {
    List<Tenant> rows = tenants.list(after == null ? "" : after, limit);
    String next = rows.size() == limit ? rows.get(rows.size() - 1).slug() : null;
    return new PageResponse<>(rows.stream().map(this::view).toList(), next);
  }

  public TenantResponse update(Tenant row, TenantRequest request) {
    requireNotDeleted(row);
    if (request.slug() != null && !request.slug().equals(row.slug())) {
      throw new InvalidInputException("slug", "cannot be changed");
    }
    String name = request.name() == null ? row.name() : name(request.name());
    Quotas stored = row.quotas().with(request.quotas());
    quotas(stored).validate(server);
    tenants.update(row.id(), name, stored);
    return view(find(row.slug()));
  }

  public TenantResponse setStatus(Tenant row, TenantStatus status) {
    requireNotDeleted(row);
    tenants.setStatus(row.id(), status);
    return view(find(row.slug()));
  }

  /**
   * Marks the tenant deleted, revokes its keys and requests the erasure of its rows from the pooled
   * datasource; deleting twice is not an error. A tenant with a live dedicated datasource is
   * refused (409): its supervisor would keep running unowned.
   */
  public void delete(Tenant row) {
    if (!datasources.listLive(row.id()).isEmpty()) {
      throw new ConflictException(
          null, "tenant '" + row.slug() + "' still has a dedicated datasource: delete it first");
    }
    tenants.markDeleted(row.id());
    erasure.request(row);
  }

  private Tenant find(String slug) {
    return tenants
        .findBySlug(slug)
        .orElseThrow(() -> new IllegalStateException("tenant " + slug + " vanished"));
  }

  private static void requireNotDeleted(Tenant row) {
    if (row.status() == TenantStatus.DELETED) {
      throw new ConflictException(null, "tenant '" + row.slug() + "' is deleted");
    }
  }

  private static String name(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new InvalidInputException("name", "must be 1-" + MAX_NAME + " characters");
    }
    return name.strip();
  }
}
