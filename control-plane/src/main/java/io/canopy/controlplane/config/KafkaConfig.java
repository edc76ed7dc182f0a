package io.canopy.controlplane.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Properties;

/** Where events are published. Plain mutable bean for Dropwizard's YAML binding. */
public class KafkaConfig {
  @NotBlank public String bootstrapServers = "127.0.0.1:9092";

  /**
   * The pooled topic every tenant's events go to (its supervisor feeds {@code events}). Kafka's
   * ACLs for the control plane and Druid cover topics named {@code canopy-*} (docs/security.md): a
   * name outside that prefix needs ACLs of its own.
   */
  @NotBlank public String eventsTopic = "canopy-events";

  /**
   * How the control plane connects: {@code SASL_PLAINTEXT} (the local stack), {@code SASL_SSL}
   * (production across hosts), or {@code PLAINTEXT} (no login; only for a Kafka without users).
   */
  @Pattern(regexp = "PLAINTEXT|SASL_PLAINTEXT|SASL_SSL")
  public String securityProtocol = "SASL_PLAINTEXT";

  /** The SASL mechanism of its login. */
  @Pattern(regexp = "SCRAM-SHA-512|SCRAM-SHA-256")
  public String saslMechanism = "SCRAM-SHA-512";

  /** Its Kafka user (SASL protocols only). */
  public String username;

  /** Its Kafka password (SASL protocols only); from the environment, never logged. */
  @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
  public String password;

  @Min(1)
  @Max(1000)
  public int eventsTopicPartitions = 2;

  /**
   * How long Kafka keeps an event topic's records ({@code retention.ms}): set on the pooled topic
   * and every live dedicated datasource's topic at each start. Short on purpose: a topic holds
   * events as sent, with the e-mails and IP addresses that the PII policy masks only inside Druid,
   * and Druid's supervisor reads each record within seconds. An ingestion outage longer than this
   * loses the records not yet read.
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

  /** Checked when the configuration is loaded: a SASL protocol needs a login. */
  @JsonIgnore
  @AssertTrue(
      message = "kafka.username and kafka.password are required with a SASL securityProtocol")
  public boolean isLoginGivenForSasl() {
    return !securityProtocol.startsWith("SASL")
        || (username != null && !username.isBlank() && password != null && !password.isBlank());
  }

  /**
   * What every Kafka client of the control plane starts from: the bootstrap servers and, with a
   * SASL protocol, its login.
   */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("security.protocol", securityProtocol);
    if (securityProtocol.startsWith("SASL")) {
      p.put("sasl.mechanism", saslMechanism);
      p.put(
          "sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required username="
              + quoted(username)
              + " password="
              + quoted(password)
              + ";");
    }
    return p;
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

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
   * instance and kept across its restarts, so a restarted instance aborts what it left open. The
   * control plane's Kafka ACL covers ids starting with {@code canopy-control-plane}.
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
