package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.stack.KafkaClients;
import io.canopy.stack.Secrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kafka takes SCRAM-SHA-512 logins only, and each user can do its part only: an anonymous client,
 * on the client or the controller listener, and a wrong password (a tenant's API key among them)
 * get nothing; Druid may read the event topics and not write them; the control plane may write them
 * and nothing else.
 */
@ExtendWith(LocalStackExtension.class)
class KafkaCredentialsIT {
  private static final String EVENTS = "canopy-events";

  private static Properties client(String user, String password) {
    Properties p = new Properties();
    p.put("bootstrap.servers", LocalStackExtension.stack().ports().kafkaBootstrap());
    if (user != null) {
      p.putAll(KafkaClients.login(user, password));
    }
    p.put("request.timeout.ms", "3000");
    p.put("default.api.timeout.ms", "6000");
    p.put("max.block.ms", "6000");
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    return p;
  }

  private static String password(String user) {
    return new Secrets(LocalStackExtension.stack().layout().secrets()).kafkaPassword(user);
  }

  private static Throwable listTopics(Properties p) {
    try (Admin admin = Admin.create(p)) {
      admin.listTopics().names().get(10, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }

  private static Properties admin() {
    return client(KafkaClients.ADMIN, password(KafkaClients.ADMIN));
  }

  /** A topic outside Canopy's prefix, made by the admin (once per stack). */
  private static String foreignTopic() throws Exception {
    String name = "not-canopy-events";
    try (Admin admin = Admin.create(admin())) {
      if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(name)) {
        admin
            .createTopics(List.of(new NewTopic(name, 1, (short) 1)))
            .all()
            .get(10, TimeUnit.SECONDS);
      }
    }
    return name;
  }

  @Test
  void anAnonymousClientGetsNothingOnEitherListener() {
    // Kafka is up and answers a login: the anonymous client's failure is a refusal, not an outage.
    assertThat(listTopics(admin())).isNull();
    assertThat(listTopics(client(null, null))).as("client listener").isNotNull();
    Properties controller = new Properties();
    controller.put(
        "bootstrap.controllers",
        "127.0.0.1:" + LocalStackExtension.stack().ports().kafkaController());
    controller.put("request.timeout.ms", "3000");
    controller.put("default.api.timeout.ms", "6000");
    try (Admin admin = Admin.create(controller)) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
          .as("controller listener")
          .isInstanceOf(Exception.class);
    }
  }

  @Test
  void aWrongPasswordOrATenantsKeyIsRefused() throws Exception {
    String tenantKey = LocalStackExtension.apiKey();
    for (String user :
        List.of(KafkaClients.ADMIN, KafkaClients.CONTROL_PLANE, KafkaClients.DRUID)) {
      for (String wrong : List.of("wrong", tenantKey)) {
        assertThat(listTopics(client(user, wrong)))
            .as(user)
            .isInstanceOf(SaslAuthenticationException.class);
      }
    }
    // Nobody else is a Kafka user: a tenant's slug with its key is refused the same way.
    assertThat(listTopics(client("default", tenantKey)))
        .isInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void druidReadsTheEventTopicsAndCannotWriteThemOrReadAnotherTopic() throws Exception {
    Properties druid = client(KafkaClients.DRUID, password(KafkaClients.DRUID));
    TopicPartition foreign = new TopicPartition(foreignTopic(), 0);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(druid)) {
      TopicPartition partition = new TopicPartition(EVENTS, 0);
      consumer.assign(List.of(partition));
      assertThat(consumer.endOffsets(List.of(partition))).containsKey(partition);
    }
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(druid)) {
      assertThatThrownBy(() -> consumer.endOffsets(List.of(foreign)))
          .isInstanceOf(AuthorizationException.class);
    }
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(druid)) {
      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>(EVENTS, "x".getBytes(StandardCharsets.UTF_8)))
                      .get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(AuthorizationException.class);
    }
    try (Admin admin = Admin.create(druid)) {
      assertThatThrownBy(
              () ->
                  admin
                      .createTopics(List.of(new NewTopic("canopy-druid-made", 1, (short) 1)))
                      .all()
                      .get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(AuthorizationException.class);
    }
  }

  @Test
  void theControlPlaneTouchesTheEventTopicsOnly() throws Exception {
    Properties controlPlane =
        client(KafkaClients.CONTROL_PLANE, password(KafkaClients.CONTROL_PLANE));
    String foreign = foreignTopic();
    try (Admin admin = Admin.create(controlPlane)) {
      assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
          .contains(EVENTS)
          .doesNotContain(foreign)
          .allMatch(name -> name.startsWith(KafkaClients.TOPIC_PREFIX));
      AclBinding readIt =
          new AclBinding(
              new ResourcePattern(ResourceType.TOPIC, foreign, PatternType.LITERAL),
              new AccessControlEntry(
                  "User:control-plane", "*", AclOperation.READ, AclPermissionType.ALLOW));
      assertThatThrownBy(() -> admin.createAcls(List.of(readIt)).all().get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(AuthorizationException.class);
      assertThatThrownBy(
              () ->
                  admin
                      .createTopics(List.of(new NewTopic("not-canopy", 1, (short) 1)))
                      .all()
                      .get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(AuthorizationException.class);
      assertThatThrownBy(() -> admin.describeUserScramCredentials().all().get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(AuthorizationException.class);
    }
    Properties foreignTransactions = new Properties();
    foreignTransactions.putAll(controlPlane);
    foreignTransactions.put("transactional.id", "someone-else-0");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(foreignTransactions)) {
      assertThatThrownBy(producer::initTransactions).isInstanceOf(AuthorizationException.class);
    }
  }

  @Test
  void theAdminsClientFileIsTheOwnersOnlyAndLogsIn() throws Exception {
    var file = KafkaClients.adminConfigFile(LocalStackExtension.stack().layout());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    Properties p = client(null, null);
    try (var in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    assertThat(listTopics(p)).isNull();
  }
}
