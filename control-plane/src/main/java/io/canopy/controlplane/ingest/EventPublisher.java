package io.canopy.controlplane.ingest;

import io.canopy.controlplane.config.KafkaConfig;
import io.dropwizard.lifecycle.Managed;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes validated events to Kafka and returns only once every one is acknowledged by all
 * in-sync replicas ({@code acks=all}, idempotent producer). If any is not acknowledged within the
 * delivery timeout the whole batch fails with {@link PublishException}; the sender retries it,
 * which may duplicate the part that did land (at-least-once, documented). One producer is shared by
 * all requests; thread-safe.
 */
public final class EventPublisher implements Managed {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  public EventPublisher(KafkaConfig config) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(config.deliveryTimeoutMs / 2));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(config.deliveryTimeoutMs / 3));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(config.deliveryTimeoutMs));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
    this.topic = config.eventsTopic;
  }

  /**
   * Publishes every record; returns when all are acknowledged.
   *
   * @param topic a dedicated datasource's topic, or null for the pooled one
   */
  public void publish(String topic, List<ValidEvent> events) {
    String target = topic == null ? this.topic : topic;
    List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
    try {
      for (ValidEvent event : events) {
        // Keyed by user so one user's events stay in order on one partition.
        acks.add(producer.send(new ProducerRecord<>(target, event.key(), event.payload())));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    } catch (ExecutionException e) {
      throw new PublishException("Kafka did not acknowledge the events", e.getCause());
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new PublishException("Kafka is not reachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while publishing", e);
    }
  }

  @Override
  public void stop() {
    producer.close(java.time.Duration.ofSeconds(10));
  }
}
