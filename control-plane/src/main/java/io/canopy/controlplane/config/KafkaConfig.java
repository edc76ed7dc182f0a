package io.canopy.controlplane.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** Where events are published. Plain mutable bean for Dropwizard's YAML binding. */
public class KafkaConfig {
  @NotBlank public String bootstrapServers = "127.0.0.1:9092";

  /** The pooled topic every tenant's events go to (its supervisor feeds {@code events}). */
  @NotBlank public String eventsTopic = "canopy-events";

  @Min(1)
  @Max(1000)
  public int eventsTopicPartitions = 2;

  /**
   * How long Kafka keeps an event topic's records ({@code retention.ms}): set on the pooled topic
   * at each start and on a dedicated topic when it is made. Short on purpose: a topic holds events
   * as sent, with the e-mails and IP addresses that the PII policy masks only inside Druid, and
   * Druid's supervisor reads each record within seconds. An ingestion outage longer than this loses
   * the records not yet read.
   */
  @Min(1)
  @Max(168)
  public int eventsRetentionHours = 24;

  /**
   * Copies of each event topic Kafka keeps: 1 on the one-broker local stack; 3 in production, so a
   * broker can fail without losing an acknowledged batch.
   */
  @Min(1)
  @Max(7)
  public int replicationFactor = 1;

  /**
   * Copies that must have a batch before Kafka acknowledges it ({@code min.insync.replicas} of the
   * topics Canopy creates): 1 on the local stack, 2 in production with a replication factor of 3.
   */
  @Min(1)
  @Max(7)
  public int minInsyncReplicas = 1;

  /** Checked when the configuration is loaded: Kafka would refuse every batch otherwise. */
  @JsonIgnore
  @AssertTrue(message = "kafka.minInsyncReplicas cannot exceed kafka.replicationFactor")
  public boolean isMinInsyncReplicasWithinReplicationFactor() {
    return minInsyncReplicas <= replicationFactor;
  }

  /** How long a publish may take before the batch is answered with 503 (ms). */
  @Min(1000)
  @Max(120_000)
  public int deliveryTimeoutMs = 15_000;

  /**
   * Transactional producers that publish batches side by side (each batch is one transaction on one
   * of them).
   */
  @Min(1)
  @Max(64)
  public int producers = 16;

  /**
   * Prefix of the producers' transactional ids ({@code <prefix>-<n>}): unique per control-plane
   * instance and kept across its restarts, so a restarted instance aborts what it left open.
   */
  @NotBlank public String transactionalIdPrefix = "canopy-control-plane";

  /**
   * How long Kafka keeps a transaction open whose producer went away before aborting it; while
   * open, it holds back Druid's read_committed consumer on that partition (ms).
   */
  @Min(5_000)
  @Max(900_000)
  public int transactionTimeoutMs = 30_000;
}
