package io.canopy.controlplane.kafka;

import io.canopy.controlplane.common.UnavailableException;
import io.canopy.controlplane.config.KafkaConfig;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates and deletes the event topics: the pooled one and each dedicated datasource's. One Kafka
 * admin client serves every call, made at the first one (so the control plane starts while Kafka is
 * away) and closed with the service. Thread-safe.
 */
public final class KafkaTopics implements Managed {
  private final KafkaConfig config;
  private Admin admin;

  public KafkaTopics(KafkaConfig config) {
    this.config = config;
  }

  /**
   * Creates the topic with the configured partitions, replication factor, {@code
   * min.insync.replicas} and retention if it does not exist, and sets the retention of one that
   * does (idempotent; its partitions and replicas are left as they are).
   */
  public void ensure(String topic) {
    String retention = Long.toString(Duration.ofHours(config.eventsRetentionHours).toMillis());
    NewTopic wanted =
        new NewTopic(topic, config.eventsTopicPartitions, (short) config.replicationFactor)
            .configs(
                Map.of(
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                    Integer.toString(config.minInsyncReplicas),
                    TopicConfig.RETENTION_MS_CONFIG,
                    retention));
    call(
        "create " + topic,
        admin -> admin.createTopics(List.of(wanted)).all(),
        TopicExistsException.class);
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    AlterConfigOp set =
        new AlterConfigOp(
            new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retention), AlterConfigOp.OpType.SET);
    call(
        "set the retention of " + topic,
        admin -> admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all(),
        UnknownTopicOrPartitionException.class);
  }

  /** Deletes the topic and its events if it exists (idempotent). */
  public void delete(String topic) {
    call(
        "delete " + topic,
        admin -> admin.deleteTopics(List.of(topic)).all(),
        UnknownTopicOrPartitionException.class);
  }

  private interface AdminCall {
    Future<Void> apply(Admin admin);
  }

  @Override
  public void start() {
    // the client is made at the first call
  }

  @Override
  public synchronized void stop() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(adminProperties());
    }
    return admin;
  }

  private Properties adminProperties() {
    Properties p = config.clientProperties();
    // The same bound as a publish: an unreachable Kafka is answered within the delivery timeout.
    p.put(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Integer.toString(config.deliveryTimeoutMs / 3));
    p.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        Integer.toString(config.deliveryTimeoutMs));
    return p;
  }

  private void call(String what, AdminCall call, Class<? extends Exception> alreadyDone) {
    try {
      call.apply(admin()).get(config.deliveryTimeoutMs + 5_000L, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!alreadyDone.isInstance(e.getCause())) {
        throw new UnavailableException(
            UnavailableException.Dependency.KAFKA, "Kafka could not " + what, e.getCause());
      }
    } catch (TimeoutException e) {
      throw new UnavailableException(
          UnavailableException.Dependency.KAFKA, "Kafka did not answer to " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
