package io.canopy.controlplane.ingest;

import io.canopy.controlplane.api.error.UnavailableException;
import io.canopy.controlplane.config.KafkaConfig;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates and deletes the event topics: the pooled one and each dedicated datasource's. */
public final class KafkaTopics {
  private final KafkaConfig config;

  public KafkaTopics(KafkaConfig config) {
    this.config = config;
  }

  /** Creates the topic with the configured partition count if it does not exist (idempotent). */
  public void ensure(String topic) {
    NewTopic wanted = new NewTopic(topic, config.eventsTopicPartitions, (short) 1);
    call(
        "create " + topic,
        admin -> admin.createTopics(List.of(wanted)).all(),
        TopicExistsException.class);
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

  private void call(String what, AdminCall call, Class<? extends Exception> alreadyDone) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);
    // The same bound as a publish: an unreachable Kafka is answered within the delivery timeout.
    p.put(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Integer.toString(config.deliveryTimeoutMs / 3));
    p.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        Integer.toString(config.deliveryTimeoutMs));
    try (Admin admin = Admin.create(p)) {
      call.apply(admin).get(config.deliveryTimeoutMs + 5_000L, TimeUnit.MILLISECONDS);
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
