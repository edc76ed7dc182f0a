package io.canopy.controlplane;

import io.canopy.controlplane.config.IngestConfig;
import io.canopy.controlplane.config.KafkaConfig;
import io.canopy.controlplane.druid.EnsureIngestionTask;
import io.canopy.controlplane.druid.IngestionProvisioner;
import io.canopy.controlplane.health.DruidHealthCheck;
import io.canopy.controlplane.health.HandoffReader;
import io.canopy.controlplane.health.IngestionHealthCheck;
import io.canopy.controlplane.health.KafkaHealthCheck;
import io.canopy.controlplane.health.SupervisorWatch;
import io.canopy.controlplane.ingest.CommitProbe;
import io.canopy.controlplane.ingest.EventBatchReader;
import io.canopy.controlplane.ingest.EventPublisher;
import io.canopy.controlplane.ingest.EventValidator;
import io.canopy.controlplane.ingest.IdempotencyStore;
import io.canopy.controlplane.ingest.IngestService;
import io.canopy.controlplane.ingest.api.BatchExceptionMapper;
import io.canopy.controlplane.ingest.api.EventsResource;
import io.canopy.controlplane.ingest.api.PublishExceptionMapper;
import io.canopy.controlplane.ingest.db.IdempotencyDao;
import io.canopy.controlplane.quota.IngestRateLimiter;
import io.canopy.controlplane.tenant.TenantService;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /v1/events} and the way to Druid: publishing, idempotency, the {@code events}
 * supervisor's provisioning, and the health checks that watch that path.
 */
final class IngestWiring {
  private IngestWiring() {}

  /**
   * @param suspendedOnRequest the Druid names of dedicated datasources their tenants suspended
   */
  static void wire(
      Wiring w,
      TenantService tenants,
      Supplier<Set<String>> suspendedOnRequest,
      Supplier<String> dedicatedIngestion) {
    KafkaConfig kafka = w.config().getKafka();
    EventPublisher publisher = new EventPublisher(kafka);
    w.env().lifecycle().manage(publisher);
    // An attempt older than its delivery deadline plus the commit's retry window has died.
    Duration attemptLimit =
        Duration.ofMillis(kafka.deliveryTimeoutMs)
            .plusMillis(kafka.transactionTimeoutMs)
            .plusSeconds(15);
    IdempotencyStore idempotency =
        new IdempotencyStore(
            w.dao(IdempotencyDao.class), new CommitProbe(kafka), attemptLimit, w.clock());
    w.every(
        "idempotency-expiry",
        w.config().getJobs().idempotencyExpiryEverySeconds,
        idempotency::forgetExpired);
    IngestConfig limits = w.config().getIngest();
    IngestService ingest =
        new IngestService(
            new EventBatchReader(
                w.env().getObjectMapper(), limits.maxEventsPerBatch, limits.maxBodyBytes),
            new EventValidator(
                Duration.ofHours(limits.maxPastHours), Duration.ofMinutes(limits.maxFutureMinutes)),
            new IngestRateLimiter(System::nanoTime),
            publisher,
            idempotency,
            w.env().getObjectMapper(),
            w.clock());
    w.register(new EventsResource(ingest, tenants));
    w.register(new BatchExceptionMapper());
    w.register(new PublishExceptionMapper());

    IngestionProvisioner provisioner =
        new IngestionProvisioner(
            w.druid(),
            w.supervisors(),
            w.topics(),
            kafka,
            w.config().getDruid(),
            dedicatedIngestion);
    w.env().lifecycle().manage(provisioner);
    w.env().admin().addTask(new EnsureIngestionTask(provisioner));
    w.env().healthChecks().register("kafka", new KafkaHealthCheck(kafka));
    w.env()
        .healthChecks()
        .register("druid", new DruidHealthCheck(w.druid(), w.config().getDruid()));
    SupervisorWatch supervisors = new SupervisorWatch(w.druid(), suspendedOnRequest, w.clock());
    // Looks even when nobody asks, so "behind for two minutes" is known at the first question.
    w.every(
        "supervisor-watch", w.config().getJobs().supervisorWatchEverySeconds, supervisors::look);
    w.env()
        .healthChecks()
        .register(
            "ingestion",
            new IngestionHealthCheck(
                provisioner, supervisors, new HandoffReader(w.druid(), w.clock()), w.clock()));
  }
}
