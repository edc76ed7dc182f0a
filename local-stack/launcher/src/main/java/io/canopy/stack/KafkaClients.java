package io.canopy.stack;

import java.nio.file.Path;
import java.util.Properties;

/**
 * How programs reach the stack's Kafka: SASL with SCRAM-SHA-512 on the client listener, as one of
 * the three users Kafka knows. {@value #ADMIN} is the super user (the broker itself, the launcher,
 * its benchmarks and fault suite, and an operator's tools); {@value #CONTROL_PLANE} may create,
 * write, read and delete the {@value #TOPIC_PREFIX}* topics; {@value #DRUID} may read them. Anyone
 * else, anonymous or not, is refused.
 */
public final class KafkaClients {
  public static final String ADMIN = "admin";
  public static final String CONTROL_PLANE = "control-plane";
  public static final String DRUID = "druid";

  /** Every event topic's name starts with it: the ACLs are prefixed with it. */
  public static final String TOPIC_PREFIX = "canopy-";

  public static final String PROTOCOL = "SASL_PLAINTEXT";
  public static final String MECHANISM = "SCRAM-SHA-512";

  /** The login module of a SCRAM client. */
  public static final String SCRAM_MODULE =
      "org.apache.kafka.common.security.scram.ScramLoginModule";

  private KafkaClients() {}

  /** The admin's client properties: bootstrap servers and login. */
  public static Properties admin(StackLayout layout, StackPorts ports) {
    Properties p = new Properties();
    p.put("bootstrap.servers", ports.kafkaBootstrap());
    p.putAll(login(ADMIN, new Secrets(layout.secrets()).kafkaPassword(ADMIN)));
    return p;
  }

  /** A SCRAM-SHA-512 login as {@code user}, for a client's properties. */
  public static Properties login(String user, String password) {
    Properties p = new Properties();
    p.put("security.protocol", PROTOCOL);
    p.put("sasl.mechanism", MECHANISM);
    p.put("sasl.jaas.config", scramLogin(user, password));
    return p;
  }

  /** The {@code sasl.jaas.config} of a SCRAM login as {@code user}. */
  public static String scramLogin(String user, String password) {
    return jaas(SCRAM_MODULE, user, password);
  }

  /** A {@code sasl.jaas.config} value: the login module, the user and the password. */
  public static String jaas(String module, String user, String password) {
    return module + " required username=" + quoted(user) + " password=" + quoted(password) + ";";
  }

  /**
   * The admin's client configuration as a file (mode 0600), for Kafka's own tools: {@code
   * --command-config}, {@code --consumer.config} or {@code --producer.config}. {@code bin/canopy
   * env} exports its path as {@code KAFKA_CLIENT_CONFIG}.
   */
  public static Path adminConfigFile(StackLayout layout) {
    return layout.secrets().resolve("kafka-admin.properties");
  }

  /** A JAAS string literal: quotes and backslashes escaped. */
  public static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
