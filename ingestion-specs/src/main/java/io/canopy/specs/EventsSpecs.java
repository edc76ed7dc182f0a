package io.canopy.specs;

import java.util.Map;

/**
 * The three Druid documents that make up an events datasource, rendered from {@code
 * ingestion-specs/events/}: the Kafka supervisor spec, the load rules (hot/warm/cold retention) and
 * the auto-compaction config.
 *
 * @param supervisor Kafka supervisor spec JSON, for {@code POST /druid/indexer/v1/supervisor}
 * @param loadRules load rule array JSON, for {@code POST /druid/coordinator/v1/rules/{datasource}}
 * @param compaction compaction config JSON, for {@code POST
 *     /druid/coordinator/v1/config/compaction}
 */
public record EventsSpecs(
    String datasource, String supervisor, String loadRules, String compaction) {

  /**
   * The environment variable of Druid's overlord and indexer that holds their Kafka login ({@code
   * sasl.jaas.config}, SCRAM-SHA-512): a spec names it, and never holds a password.
   */
  public static final String KAFKA_LOGIN_VARIABLE = "CANOPY_KAFKA_JAAS_CONFIG";

  /** The retention of the pooled {@code events} datasource. */
  public static final RetentionPreset POOLED_PRESET = RetentionPreset.STANDARD;

  /**
   * Renders the templates for one datasource.
   *
   * @param datasource Druid datasource name, already validated by the caller
   * @param topic Kafka topic the supervisor reads
   * @param kafkaBootstrap {@code host:port} list Druid's Kafka consumer connects to
   * @param piiKeyId id of the key in Druid's PII key ring ({@code druid.canopy.pii.keys}) that
   *     pseudonymizes user ids
   */
  public static EventsSpecs render(
      String datasource, String topic, String kafkaBootstrap, String piiKeyId) {
    return render(datasource, topic, kafkaBootstrap, piiKeyId, "SASL_PLAINTEXT");
  }

  /**
   * As {@link #render(String, String, String, String)}, Druid's consumers reaching Kafka over
   * {@code kafkaSecurityProtocol}: {@code SASL_PLAINTEXT} or {@code SASL_SSL} (they always log in,
   * with SCRAM-SHA-512).
   */
  public static EventsSpecs render(
      String datasource,
      String topic,
      String kafkaBootstrap,
      String piiKeyId,
      String kafkaSecurityProtocol) {
    return new EventsSpecs(
        datasource,
        SpecTemplate.load("events/supervisor.json")
            .render(
                Map.of(
                    "datasource",
                    datasource,
                    "topic",
                    topic,
                    "kafkaBootstrap",
                    kafkaBootstrap,
                    "kafkaLoginVariable",
                    KAFKA_LOGIN_VARIABLE,
                    "kafkaSecurityProtocol",
                    kafkaSecurityProtocol,
                    "piiKeyId",
                    piiKeyId)),
        POOLED_PRESET.loadRules(),
        SpecTemplate.load("events/compaction.json").render(Map.of("datasource", datasource)));
  }
}
