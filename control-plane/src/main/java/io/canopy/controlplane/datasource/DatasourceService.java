package io.canopy.controlplane.datasource;

import io.canopy.controlplane.common.ConflictException;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.NotFoundException;
import io.canopy.controlplane.config.DruidConfig;
import io.canopy.controlplane.datasource.db.DatasourceDao;
import io.canopy.controlplane.db.UniqueViolation;
import io.canopy.controlplane.druid.CurrentSupervisor;
import io.canopy.controlplane.druid.DruidClient;
import io.canopy.controlplane.druid.SpecValidator;
import io.canopy.controlplane.kafka.KafkaTopics;
import io.canopy.controlplane.tenant.Tenant;
import io.canopy.specs.RetentionPreset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's dedicated datasource: its own Kafka topic, supervisor and Druid datasource, rendered
 * from templates and validated before anything reaches Druid. While it is live, all of the tenant's
 * events go to its topic. Thread-safe.
 */
public final class DatasourceService {
  private static final Logger LOG = LoggerFactory.getLogger(DatasourceService.class);

  private final DatasourceDao datasources;
  private final DruidClient druid;
  private final CurrentSupervisor supervisors;
  private final KafkaTopics topics;
  private final DruidConfig druidConfig;
  private final SpecValidator validator = new SpecValidator();
  private final DatasourceLiveStatus live;

  public DatasourceService(
      DatasourceDao datasources,
      DruidClient druid,
      CurrentSupervisor supervisors,
      KafkaTopics topics,
      DruidConfig druidConfig) {
    this.datasources = datasources;
    this.supervisors = supervisors;
    this.druid = druid;
    this.topics = topics;
    this.druidConfig = druidConfig;
    this.live = new DatasourceLiveStatus(druid);
  }

  /**
   * Creates a tenant's dedicated datasource: its topic, supervisor, load rules and compaction.
   * {@code preset} and {@code dimensions} may be null for the defaults.
   */
  public DatasourceDetails create(
      Tenant tenant, String nameText, String presetId, List<String> extraDimensions) {
    tenant.requireNotDeleted();
    String name = DatasourceName.of(nameText).value();
    RetentionPreset preset = preset(presetId);
    List<String> dimensions = dimensions(extraDimensions);
    String druidName = tenant.slug() + "_" + name;
    String topic = "canopy-" + tenant.slug() + "-" + name;
    DedicatedSpecs.Rendered specs =
        DedicatedSpecs.render(druidName, topic, preset, dimensions, druidConfig);
    validator.validateSupervisor(specs.supervisor());
    UUID id = UUID.randomUUID();
    insert(id, tenant, name, druidName, topic, preset, dimensions);
    try {
      topics.ensure(topic);
      supervisors.ensure(druidName, specs.supervisor(), false);
      druid.postLoadRules(druidName, specs.loadRules());
      druid.postCompactionConfig(specs.compaction());
    } catch (RuntimeException e) {
      // Nothing half-made stays live: the name is free again.
      datasources.setStatus(id, DatasourceStatus.DELETED);
      throw e;
    }
    return view(live(tenant, name), false);
  }

  public List<DatasourceDetails> list(Tenant tenant) {
    return datasources.listLive(tenant.id()).stream().map(row -> view(row, false)).toList();
  }

  /** The datasource with what Druid shows of it now (none while it is being deleted). */
  public DatasourceDetails get(Tenant tenant, String name) {
    Datasource datasource = live(tenant, name);
    return view(datasource, datasource.status() != DatasourceStatus.DELETING);
  }

  /** Suspends or resumes the supervisor; events keep arriving in Kafka meanwhile, none is lost. */
  public DatasourceDetails setSuspended(Tenant tenant, String name, boolean suspended) {
    Datasource row = live(tenant, name).requireNotDeleting();
    druid.supervisorAction(row.druidName(), suspended ? "suspend" : "resume");
    datasources.setStatus(
        row.id(), suspended ? DatasourceStatus.SUSPENDED : DatasourceStatus.ACTIVE);
    return view(live(tenant, name), false);
  }

  /** Operator-only: forgets the supervisor's stored offsets (it restarts from the earliest). */
  public DatasourceDetails resetOffsets(Tenant tenant, String name) {
    Datasource row = live(tenant, name).requireNotDeleting();
    druid.supervisorAction(row.druidName(), "reset");
    return view(row, false);
  }

  /**
   * Accepts the datasource's deletion: it turns {@code deleting} at once, its tenant's events go to
   * the pooled datasource from the next request on, and {@link DatasourceDeletions} erases it in
   * the background (supervisor, tasks, segments, topic). Deleting again while that runs changes
   * nothing.
   */
  public DatasourceDetails requestDelete(Tenant tenant, String name) {
    Datasource row = live(tenant, name);
    if (row.status() != DatasourceStatus.DELETING) {
      datasources.setStatus(row.id(), DatasourceStatus.DELETING);
    }
    return view(live(tenant, name), false);
  }

  private void insert(
      UUID id,
      Tenant tenant,
      String name,
      String druidName,
      String topic,
      RetentionPreset preset,
      List<String> dimensions) {
    try {
      datasources.insert(
          id, tenant.id(), name, druidName, topic, preset.id(), dimensions.toArray(String[]::new));
    } catch (RuntimeException e) {
      if (UniqueViolation.is(e)) {
        throw new ConflictException(
            "name",
            "tenant '"
                + tenant.slug()
                + "' already has a dedicated datasource (one per tenant: it receives all its"
                + " events)");
      }
      throw e;
    }
  }

  /** The tenant's live datasource of that name. @throws NotFoundException when there is none */
  public Datasource live(Tenant tenant, String name) {
    return datasources
        .findLive(tenant.id(), name)
        .orElseThrow(() -> new NotFoundException("no datasource '" + name + "'"));
  }

  private DatasourceDetails view(Datasource row, boolean withLive) {
    return new DatasourceDetails(
        row, withLive ? Optional.of(live.of(row.druidName())) : Optional.empty());
  }

  /**
   * Brings every live dedicated datasource's ingestion to what this version makes: its topic's
   * retention ({@code kafka.eventsRetentionHours}, which may have changed) and its supervisor's
   * spec (a changed template, such as the Kafka login, reaches datasources made before it), kept
   * suspended if its tenant suspended it. A datasource that fails is logged and left for the next
   * run; the others go on.
   *
   * @return what it did, for the operator: empty when nothing needed doing
   */
  public String ensureIngestion() {
    int posted = 0;
    int failed = 0;
    for (Datasource listed : datasources.listAllLive()) {
      // Read again: a delete accepted since the list must not get its topic and supervisor back.
      Optional<Datasource> row = datasources.find(listed.id()).filter(DatasourceService::isLive);
      if (row.isEmpty()) {
        continue;
      }
      Datasource d = row.get();
      try {
        topics.ensure(d.topic());
        String spec =
            DedicatedSpecs.render(
                    d.druidName(), d.topic(), preset(d.preset()), d.dimensions(), druidConfig)
                .supervisor();
        validator.validateSupervisor(spec);
        boolean suspended = d.status() == DatasourceStatus.SUSPENDED;
        posted += supervisors.ensure(d.druidName(), spec, suspended) ? 1 : 0;
      } catch (RuntimeException e) {
        failed++;
        LOG.warn("Could not bring datasource {} up to date: {}", d.druidName(), e.getMessage());
      }
    }
    return (posted == 0 ? "" : "dedicated supervisors brought to the current spec: " + posted)
        + (failed == 0
            ? ""
            : (posted == 0 ? "" : "; ") + "dedicated datasources failed: " + failed);
  }

  private static boolean isLive(Datasource d) {
    return d.status() == DatasourceStatus.ACTIVE || d.status() == DatasourceStatus.SUSPENDED;
  }

  private static RetentionPreset preset(String id) {
    if (id == null) {
      return RetentionPreset.STANDARD;
    }
    return RetentionPreset.byId(id)
        .orElseThrow(
            () -> new InvalidInputException("preset", "must be one of " + RetentionPreset.ids()));
  }

  private static List<String> dimensions(List<String> requested) {
    if (requested == null) {
      return List.of();
    }
    for (int i = 0; i < requested.size(); i++) {
      if (!DedicatedSpecs.EXTRA_DIMENSIONS.contains(requested.get(i))) {
        throw new InvalidInputException(
            "dimensions[" + i + "]",
            "must be one of " + new java.util.TreeSet<>(DedicatedSpecs.EXTRA_DIMENSIONS));
      }
    }
    return List.copyOf(new java.util.LinkedHashSet<>(requested));
  }
}
