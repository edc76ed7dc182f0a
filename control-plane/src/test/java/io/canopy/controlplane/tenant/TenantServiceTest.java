package io.canopy.controlplane.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.auth.Scope;
import io.canopy.controlplane.common.ConflictException;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.NotFoundException;
import io.canopy.controlplane.common.Page;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import io.canopy.controlplane.config.DruidConfig;
import io.canopy.controlplane.config.IngestConfig;
import io.canopy.controlplane.druid.DruidClient;
import io.canopy.controlplane.erasure.PooledErasure;
import io.canopy.controlplane.erasure.db.ErasureDao;
import io.canopy.controlplane.erasure.db.ErasureRow;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** TenantService and KeyService on in-memory DAOs: the rules, without PostgreSQL or HTTP. */
class TenantServiceTest {
  private final InMemoryTenants tenants = new InMemoryTenants();
  private final Set<UUID> withLiveDatasource = new HashSet<>();
  private final Erasures erasures = new Erasures();
  private final TenantService service =
      new TenantService(
          tenants,
          withLiveDatasource::contains,
          new IngestConfig(),
          new PooledErasure(
              erasures,
              new DruidClient(new DruidConfig(), ""),
              "events",
              Duration.ofHours(48),
              Duration.ofMinutes(10),
              Clock.systemUTC()));
  private final KeyService keys = new KeyService(tenants.keys);

  private Tenant tenant(String slug) {
    return tenants.findBySlug(slug).orElseThrow();
  }

  @Test
  void aNewTenantShowsEveryQuotaWithTheDefaultsFilledIn() {
    TenantDetails created =
        service.create(
            "acme", "  Acme  ", new Quotas(50, null, null, null, null, null, null, null));

    assertThat(created.tenant().name()).isEqualTo("Acme");
    assertThat(created.tenant().status()).isEqualTo(TenantStatus.ACTIVE);
    assertThat(created.quotas().ingestEventsPerSecond()).isEqualTo(50);
    assertThat(created.quotas().queryTimeoutMs()).isEqualTo(30_000);
    assertThat(tenant("acme").quotas().queryTimeoutMs()).as("stored: only what was set").isNull();
    assertThat(created.erasure()).isEmpty();
  }

  @Test
  void aTakenSlugIsAConflictOnTheSlugField() {
    service.create("acme", "Acme", null);

    assertThatThrownBy(() -> service.create("acme", "Other", null))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.field()).isEqualTo("slug"));
  }

  @Test
  void badInputNamesItsField() {
    assertThatThrownBy(() -> service.create("A", "Acme", null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("slug"));
    assertThatThrownBy(() -> service.create("acme", " ", null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"));
    assertThatThrownBy(
            () ->
                service.create(
                    "acme", "Acme", new Quotas(0, null, null, null, null, null, null, null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("quotas.ingestEventsPerSecond"));
    assertThat(tenants.bySlug).isEmpty();
  }

  @Test
  void anUpdateKeepsWhatItDoesNotSetAndCannotChangeTheSlug() {
    service.create("acme", "Acme", new Quotas(50, null, null, null, null, null, null, null));

    TenantDetails updated =
        service.update(
            tenant("acme"), null, null, new Quotas(null, null, null, null, 8, null, null, null));

    assertThat(updated.tenant().name()).isEqualTo("Acme");
    assertThat(updated.quotas().ingestEventsPerSecond()).isEqualTo(50);
    assertThat(updated.quotas().queryConcurrency()).isEqualTo(8);
    assertThatThrownBy(() -> service.update(tenant("acme"), "other", null, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("slug"));
  }

  @Test
  void listingPagesBySlug() {
    for (String slug : List.of("c-t", "a-t", "b-t")) {
      service.create(slug, slug, null);
    }

    Page<TenantDetails> first = service.list(null, 2);
    Page<TenantDetails> second = service.list(first.next(), 2);

    assertThat(first.items()).extracting(d -> d.tenant().slug()).containsExactly("a-t", "b-t");
    assertThat(first.next()).isEqualTo("b-t");
    assertThat(second.items()).extracting(d -> d.tenant().slug()).containsExactly("c-t");
    assertThat(second.next()).isNull();
  }

  @Test
  void deletingRevokesEveryKeyRequestsTheErasureAndFreezesTheTenant() {
    service.create("acme", "Acme", null);
    keys.create(tenant("acme"), "web", List.of("ingest"));

    service.delete(tenant("acme"));
    service.delete(tenant("acme")); // twice is fine

    assertThat(tenant("acme").status()).isEqualTo(TenantStatus.DELETED);
    assertThat(keys.list(tenant("acme"))).allSatisfy(k -> assertThat(k.revokedAt()).isNotNull());
    assertThat(erasures.requested).containsExactly(tenant("acme").id(), tenant("acme").id());
    for (Runnable change :
        List.<Runnable>of(
            () -> service.setStatus(tenant("acme"), TenantStatus.ACTIVE),
            () -> service.update(tenant("acme"), null, "New", null),
            () -> keys.create(tenant("acme"), "again", List.of("ingest")))) {
      assertThatThrownBy(change::run)
          .isInstanceOf(ConflictException.class)
          .hasMessage("tenant 'acme' is deleted");
    }
  }

  @Test
  void aTenantWithALiveDedicatedDatasourceIsNotDeleted() {
    service.create("acme", "Acme", null);
    withLiveDatasource.add(tenant("acme").id());

    assertThatThrownBy(() -> service.delete(tenant("acme")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("dedicated datasource");
    assertThat(tenant("acme").status()).isEqualTo(TenantStatus.ACTIVE);
    assertThat(erasures.requested).isEmpty();
  }

  @Test
  void aKeyIsShownOnceWithItsScopesAndIsRevokedOnlyByItsOwnTenant() {
    service.create("acme", "Acme", null);
    service.create("other", "Other", null);

    IssuedKey issued = keys.create(tenant("acme"), " web ", List.of("ingest", "query", "ingest"));

    assertThat(issued.key()).startsWith("cnp_" + issued.prefix() + "_");
    assertThat(issued.name()).isEqualTo("web");
    assertThat(issued.scopes()).containsExactly(Scope.INGEST, Scope.QUERY);
    assertThat(keys.list(tenant("acme"))).extracting(ApiKey::id).containsExactly(issued.id());
    assertThatThrownBy(() -> keys.revoke(tenant("other"), issued.id().toString()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> keys.revoke(tenant("acme"), "not-a-uuid"))
        .isInstanceOf(NotFoundException.class);
    keys.revoke(tenant("acme"), issued.id().toString());
    assertThat(keys.list(tenant("acme")).get(0).revokedAt()).isNotNull();
  }

  @Test
  void aKeyNeedsAKnownScope() {
    service.create("acme", "Acme", null);

    assertThatThrownBy(() -> keys.create(tenant("acme"), "web", List.of()))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("scopes"));
    assertThatThrownBy(() -> keys.create(tenant("acme"), "web", List.of("ingest", "root")))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("scopes[1]"));
  }

  /** Records erasure requests; the rest of the erasure job is not these services' concern. */
  private static final class Erasures implements ErasureDao {
    final List<UUID> requested = new java.util.ArrayList<>();

    @Override
    public void request(
        UUID tenantId, String slug, String datasource, OffsetDateTime start, OffsetDateTime end) {
      requested.add(tenantId);
    }

    @Override
    public Optional<ErasureRow> find(UUID tenantId) {
      return Optional.empty();
    }

    @Override
    public List<ErasureRow> pending() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean startPass(UUID tenantId, String[] taskIds, boolean cold) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void endPass(UUID tenantId, String error) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void handoffRequested(UUID tenantId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void markDone(UUID tenantId) {
      throw new UnsupportedOperationException();
    }
  }
}
