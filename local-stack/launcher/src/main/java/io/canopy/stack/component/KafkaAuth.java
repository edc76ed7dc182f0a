package io.canopy.stack.component;

import static io.canopy.stack.KafkaClients.ADMIN;
import static io.canopy.stack.KafkaClients.CONTROL_PLANE;
import static io.canopy.stack.KafkaClients.DRUID;
import static io.canopy.stack.KafkaClients.TOPIC_PREFIX;

import io.canopy.stack.KafkaClients;
import io.canopy.stack.Secrets;
import io.canopy.stack.StackLayout;
import io.canopy.stack.StackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Kafka takes only clients that log in with SCRAM-SHA-512 ({@link KafkaClients}), and its
 * authorizer lets each user do its part only: the control plane writes (in transactions) and
 * manages the {@value KafkaClients#TOPIC_PREFIX}* topics, Druid's supervisors read them, the admin
 * may do anything. The controller listener takes PLAIN (SCRAM users live in the metadata the
 * controller serves, so a controller can't check them), with one user, the admin, from the server's
 * JAAS configuration.
 *
 * <p>A new store is formatted with the admin's SCRAM credential; each start then sets the others'
 * and the ACLs (both idempotent). A store formatted before Kafka had users has no SCRAM credential
 * at all: its first start also takes PLAIN from the admin on the client listener, only long enough
 * to create them, and the next start no longer does ({@link #bootstrapped}).
 */
final class KafkaAuth {
  private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
  private static final int ITERATIONS = 8192;

  private final StackLayout layout;
  private final StackPorts ports;
  private final Secrets secrets;

  KafkaAuth(StackLayout layout, StackPorts ports, Secrets secrets) {
    this.layout = layout;
    this.ports = ports;
    this.secrets = secrets;
  }

  /**
   * Whether the store holds the admin's SCRAM credential: true once formatted with it, or once a
   * start created it.
   */
  boolean bootstrapped() {
    return Files.exists(marker());
  }

  void markBootstrapped() {
    Infrastructure.write(marker(), "the admin's SCRAM credential is in Kafka's metadata\n");
  }

  private Path marker() {
    return layout.data("kafka").resolve("scram-bootstrapped");
  }

  /** StorageTool's argument that stores the admin's SCRAM credential when formatting. */
  List<String> formatArguments() {
    return List.of(
        "--add-scram",
        "SCRAM-SHA-512=[name=" + ADMIN + ",password=" + secrets.kafkaPassword(ADMIN) + "]");
  }

  /** What server.properties adds: the listeners' security, the JAAS logins, the authorizer. */
  List<String> serverProperties() {
    String password = secrets.kafkaPassword(ADMIN);
    String plainServer =
        PLAIN
            + " required username="
            + KafkaClients.quoted(ADMIN)
            + " password="
            + KafkaClients.quoted(password)
            + " user_"
            + ADMIN
            + "="
            + KafkaClients.quoted(password)
            + ";";
    boolean scramOnly = bootstrapped();
    List<String> lines = new ArrayList<>();
    lines.add("listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    lines.add("inter.broker.listener.name=CLIENT");
    lines.add("sasl.mechanism.inter.broker.protocol=" + (scramOnly ? "SCRAM-SHA-512" : "PLAIN"));
    lines.add("sasl.mechanism.controller.protocol=PLAIN");
    lines.add("listener.name.controller.sasl.enabled.mechanisms=PLAIN");
    lines.add("listener.name.controller.plain.sasl.jaas.config=" + plainServer);
    lines.add(
        "listener.name.client.sasl.enabled.mechanisms="
            + (scramOnly ? "SCRAM-SHA-512" : "SCRAM-SHA-512,PLAIN"));
    lines.add(
        "listener.name.client.scram-sha-512.sasl.jaas.config="
            + KafkaClients.scramLogin(ADMIN, password));
    if (!scramOnly) {
      lines.add("listener.name.client.plain.sasl.jaas.config=" + plainServer);
    }
    lines.add("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    lines.add("super.users=User:" + ADMIN);
    lines.add("allow.everyone.if.no.acl.found=false");
    return lines;
  }

  /** The admin's client login: SCRAM, or PLAIN on the one start that creates the credentials. */
  Properties adminClient() {
    Properties p = new Properties();
    p.put("bootstrap.servers", ports.kafkaBootstrap());
    if (bootstrapped()) {
      p.putAll(KafkaClients.login(ADMIN, secrets.kafkaPassword(ADMIN)));
    } else {
      p.put("security.protocol", KafkaClients.PROTOCOL);
      p.put("sasl.mechanism", "PLAIN");
      p.put("sasl.jaas.config", KafkaClients.jaas(PLAIN, ADMIN, secrets.kafkaPassword(ADMIN)));
    }
    return p;
  }

  /**
   * Once Kafka is up: every user's SCRAM credential and ACLs set, and the admin's client
   * configuration written for the operator's tools.
   */
  void provision() {
    Properties p = adminClient();
    p.put("request.timeout.ms", "10000");
    p.put("default.api.timeout.ms", "20000");
    try (Admin admin = Admin.create(p)) {
      List<UserScramCredentialAlteration> users = new ArrayList<>();
      for (String user : List.of(ADMIN, CONTROL_PLANE, DRUID)) {
        users.add(
            new UserScramCredentialUpsertion(
                user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS),
                secrets.kafkaPassword(user)));
      }
      admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
      admin.createAcls(acls()).all().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while setting Kafka's users", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot set Kafka's users and ACLs: " + e.getMessage(), e);
    }
    markBootstrapped();
    StringBuilder config = new StringBuilder();
    Properties admin = KafkaClients.admin(layout, ports);
    for (String name : List.of("bootstrap.servers", "security.protocol", "sasl.mechanism")) {
      config.append(name).append('=').append(admin.getProperty(name)).append('\n');
    }
    // A properties file reads backslashes as escapes: the JAAS value's own are doubled.
    config
        .append("sasl.jaas.config=")
        .append(admin.getProperty("sasl.jaas.config").replace("\\", "\\\\"))
        .append('\n');
    Infrastructure.writePrivate(KafkaClients.adminConfigFile(layout), config.toString());
  }

  /** The control plane's and Druid's ACLs; the admin needs none (super user). */
  static List<AclBinding> acls() {
    ResourcePattern topics =
        new ResourcePattern(ResourceType.TOPIC, TOPIC_PREFIX, PatternType.PREFIXED);
    ResourcePattern transactions =
        new ResourcePattern(
            ResourceType.TRANSACTIONAL_ID, "canopy-control-plane", PatternType.PREFIXED);
    Map<ResourcePattern, List<AclOperation>> controlPlane =
        Map.of(
            topics,
            List.of(
                AclOperation.CREATE,
                AclOperation.WRITE,
                AclOperation.READ,
                AclOperation.DELETE,
                AclOperation.ALTER_CONFIGS,
                AclOperation.DESCRIBE_CONFIGS),
            transactions,
            List.of(AclOperation.WRITE, AclOperation.DESCRIBE));
    List<AclBinding> acls = new ArrayList<>();
    controlPlane.forEach(
        (resource, operations) ->
            operations.forEach(op -> acls.add(allow(resource, CONTROL_PLANE, op))));
    acls.add(allow(topics, DRUID, AclOperation.READ));
    return acls;
  }

  private static AclBinding allow(ResourcePattern resource, String user, AclOperation operation) {
    return new AclBinding(
        resource, new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
  }
}
