package io.canopy.controlplane.config;

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

  /** How long a publish may take before the batch is answered with 503 (ms). */
  @Min(1000)
  @Max(120_000)
  public int deliveryTimeoutMs = 15_000;
}
