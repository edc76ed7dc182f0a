package io.canopy.stack.component;

import io.canopy.stack.KafkaClients;
import io.canopy.stack.Secrets;
import io.canopy.stack.StackLayout;
import io.canopy.stack.StackPorts;
import io.canopy.stack.health.ControlPlaneHealth;
import io.canopy.stack.process.ProcessSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The control plane, run from its shaded jar with a generated configuration. Healthy means every
 * Dropwizard health check passes: PostgreSQL, Kafka, Druid, and the events datasource provisioned.
 */
final class ControlPlane {
  static final String NAME = "control-plane";

  private ControlPlane() {}

  static Component component(StackLayout layout, StackPorts ports, Secrets secrets) {
    return new Component(
        NAME,
        List.of(ports.controlPlane(), ports.controlPlaneAdmin()),
        List.of("postgres", "kafka", "druid-coordinator"),
        () -> {
          Path conf = layout.conf(NAME).resolve("control-plane.yml");
          Infrastructure.write(conf, config(layout, ports));
          return new ProcessSpec(
              List.of(
                  Java.executable(),
                  "-Xms128m",
                  "-Xmx512m",
                  "-XX:+UseG1GC",
                  "-Duser.timezone=UTC",
                  "-jar",
                  layout.controlPlaneJar().toString(),
                  "server",
                  conf.toString()),
              layout.data(NAME),
              // Secrets reach the service through its environment, never a file it logs.
              Map.of(
                  "CANOPY_DB_PASSWORD",
                  secrets.postgresPassword(),
                  "CANOPY_OPERATOR_TOKEN",
                  secrets.operatorToken(),
                  "CANOPY_INTERNAL_SECRET",
                  secrets.internalSecret(),
                  "CANOPY_KAFKA_PASSWORD",
                  secrets.kafkaPassword(KafkaClients.CONTROL_PLANE)),
              layout.log(NAME));
        },
        new ControlPlaneHealth(ports.controlPlaneHealthUrl()).serving());
  }

  private static String config(StackLayout layout, StackPorts ports) {
    return String.join(
        "\n",
        "server:",
        "  applicationConnectors:",
        "    - type: http",
        "      bindHost: 127.0.0.1",
        "      port: " + ports.controlPlane(),
        "  adminConnectors:",
        "    - type: http",
        "      bindHost: 127.0.0.1",
        "      port: " + ports.controlPlaneAdmin(),
        "database:",
        "  driverClass: org.postgresql.Driver",
        "  url: jdbc:postgresql://127.0.0.1:"
            + ports.postgres()
            + "/"
            + Infrastructure.CONTROL_PLANE_DATABASE,
        "  user: canopy",
        "  password: ${CANOPY_DB_PASSWORD}",
        "kafka:",
        "  bootstrapServers: " + ports.kafkaBootstrap(),
        "  securityProtocol: " + KafkaClients.PROTOCOL,
        "  saslMechanism: " + KafkaClients.MECHANISM,
        "  username: " + KafkaClients.CONTROL_PLANE,
        "  password: ${CANOPY_KAFKA_PASSWORD}",
        "druid:",
        "  coordinatorUrl: " + ports.coordinatorUrl(),
        "  overlordUrl: " + ports.coordinatorUrl(),
        "  brokerUrl: " + ports.brokerUrl(),
        "  kafkaBootstrap: " + ports.kafkaBootstrap(),
        "  piiKeyId: " + DruidServices.PII_KEY_ID,
        // The control plane is the operator in Druid: the same secret as its operator token.
        "  user: operator",
        "  password: ${CANOPY_OPERATOR_TOKEN}",
        "auth:",
        "  operatorToken: ${CANOPY_OPERATOR_TOKEN}",
        "  internalSecret: ${CANOPY_INTERNAL_SECRET}",
        // Background jobs run often here so their effects show within seconds.
        "jobs:",
        "  erasureEverySeconds: 5",
        "  retentionEverySeconds: 10",
        "bootstrap:",
        "  tenant: default",
        "  apiKeyFile: " + layout.defaultApiKeyFile(),
        "logging:",
        "  level: INFO",
        "  loggers:",
        "    org.apache.kafka: WARN",
        "");
  }
}
