package io.canopy.controlplane.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** How the control plane reaches Druid (over HTTP only). Plain bean for YAML binding. */
public class DruidConfig {
  @NotBlank public String coordinatorUrl = "http://127.0.0.1:8081";
  @NotBlank public String overlordUrl = "http://127.0.0.1:8081";
  @NotBlank public String brokerUrl = "http://127.0.0.1:8082";

  /** Kafka bootstrap servers as Druid's consumers must see them (may differ from ours). */
  @NotBlank public String kafkaBootstrap = "127.0.0.1:9092";

  /**
   * How Druid's consumers reach Kafka: {@code SASL_PLAINTEXT} or {@code SASL_SSL}. They log in with
   * SCRAM-SHA-512, from the environment variable {@code CANOPY_KAFKA_JAAS_CONFIG} of Druid's
   * overlord and indexers.
   */
  @Pattern(regexp = "SASL_PLAINTEXT|SASL_SSL")
  public String kafkaSecurityProtocol = "SASL_PLAINTEXT";

  /**
   * Id of the key in Druid's PII key ring ({@code druid.canopy.pii.keys}) that pseudonymizes user
   * ids of the events datasource. Rotate by configuring a new key in Druid and naming it here.
   */
  @NotBlank public String piiKeyId = "events-v1";

  /**
   * Who the control plane is in Druid, sent as HTTP Basic on every call: the operator, when Druid
   * runs Canopy's authenticator ({@code druid.auth.authenticator.canopy.operatorPassword} is the
   * same secret). An empty password sends no credentials, for a Druid without security.
   */
  @NotBlank public String user = "operator";

  public String password = "";

  /** The pooled events datasource. */
  @NotBlank public String eventsDatasource = "events";
}
