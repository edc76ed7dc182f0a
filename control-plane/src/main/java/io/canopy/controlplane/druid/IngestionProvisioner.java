package io.canopy.controlplane.druid;

import io.canopy.controlplane.config.DruidConfig;
import io.canopy.controlplane.config.KafkaConfig;
import io.canopy.controlplane.kafka.KafkaTopics;
import io.canopy.specs.EventsSpecs;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the pooled events pipeline exists: the Kafka topic, then the {@code events}
 * supervisor, load rules and compaction config rendered from {@code ingestion-specs/}. Every step
 * is idempotent. At start it runs in the background and retries with back-off until Druid and Kafka
 * answer (the service does not wait for them to start); {@link #ensure()} runs it again on request.
 * Thread-safe.
 */
public final class IngestionProvisioner implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(IngestionProvisioner.class);

  /** The outcome of the last attempt. */
  public record Status(boolean done, Instant at, String message) {}

  private final DruidClient druid;
  private final KafkaTopics topics;
  private final String topic;
  private final CurrentSupervisor supervisors;
  private final Supplier<String> dedicated;
  private final EventsSpecs specs;
  private final AtomicReference<Status> status =
      new AtomicReference<>(new Status(false, Instant.now(), "not attempted yet"));
  private ScheduledExecutorService retries;

  /**
   * @param dedicated brings the dedicated datasources' ingestion (topics' retention, supervisors'
   *     specs) to this version; what it did, empty when nothing
   */
  public IngestionProvisioner(
      DruidClient druid,
      CurrentSupervisor supervisors,
      KafkaTopics topics,
      KafkaConfig kafka,
      DruidConfig config,
      Supplier<String> dedicated) {
    this.druid = druid;
    this.supervisors = supervisors;
    this.dedicated = dedicated;
    this.topics = topics;
    this.topic = kafka.eventsTopic;
    this.specs =
        EventsSpecs.render(
            config.eventsDatasource,
            kafka.eventsTopic,
            config.kafkaBootstrap,
            config.piiKeyId,
            config.kafkaSecurityProtocol);
    // Checked once here, before anything can be sent: a refused spec stops the service's start.
    new SpecValidator().validateSupervisor(specs.supervisor());
  }

  /** Runs every step now; throws if one fails. */
  public synchronized void ensure() {
    try {
      topics.ensure(topic);
      ensureSupervisor();
      druid.postLoadRules(specs.datasource(), specs.loadRules());
      druid.postCompactionConfig(specs.compaction());
      String done = dedicated.get();
      status.set(
          new Status(
              true,
              Instant.now(),
              "supervisor, load rules and compaction in place"
                  + (done.isEmpty() ? "" : "; " + done)));
      LOG.info("Ingestion for datasource {} is provisioned", specs.datasource());
    } catch (RuntimeException e) {
      status.set(new Status(false, Instant.now(), e.getMessage()));
      throw e;
    }
  }

  /** Posts the supervisor spec unless Druid already runs this exact one. */
  private void ensureSupervisor() {
    supervisors.ensure(specs.datasource(), specs.supervisor(), false);
  }

  public Status status() {
    return status.get();
  }

  @Override
  public void start() {
    retries =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ingestion-provisioner"));
    schedule(Duration.ZERO, 1);
  }

  private void schedule(Duration delay, int attempt) {
    retries.schedule(
        () -> {
          try {
            ensure();
          } catch (RuntimeException e) {
            Duration next = Duration.ofSeconds(Math.min(30, 1L << Math.min(attempt, 5)));
            LOG.warn(
                "Provisioning attempt {} failed ({}; cause: {}); retrying in {} s",
                attempt,
                e.getMessage(),
                String.valueOf(e.getCause()),
                next.toSeconds());
            schedule(next, attempt + 1);
          }
        },
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (retries != null) {
      retries.shutdownNow();
    }
  }
}
