package io.canopy.controlplane;

import io.canopy.controlplane.auth.KeyCache;
import io.canopy.controlplane.config.CanopyConfiguration;
import io.canopy.controlplane.db.AfterWrite;
import io.canopy.controlplane.druid.CurrentSupervisor;
import io.canopy.controlplane.druid.DruidClient;
import io.canopy.controlplane.job.PeriodicJob;
import io.canopy.controlplane.kafka.KafkaTopics;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * What every feature's wiring is built from: the configuration, the Dropwizard environment, the
 * database, the one client each of Druid and Kafka (and what keeps Druid's supervisors current),
 * and the cache of API keys that writes to keys, tenants and datasources must clear.
 */
record Wiring(
    CanopyConfiguration config,
    Environment env,
    Jdbi jdbi,
    DruidClient druid,
    CurrentSupervisor supervisors,
    KafkaTopics topics,
    KeyCache keyCache) {

  <T> T dao(Class<T> type) {
    return jdbi.onDemand(type);
  }

  /**
   * A DAO that writes API keys, tenants or datasources: after each of its writes this instance
   * forgets the keys it cached, so the change applies to its very next request. Other instances
   * hear of it from PostgreSQL ({@link io.canopy.controlplane.auth.AccessChangeListener}).
   */
  <T> T accessDao(Class<T> type) {
    return AfterWrite.wrap(type, jdbi.onDemand(type), keyCache::invalidateAll);
  }

  /** Registers a resource, filter, feature or exception mapper with Jersey. */
  void register(Object component) {
    env.jersey().register(component);
  }

  /** Runs {@code job} every {@code seconds} while the service runs. */
  void every(String name, long seconds, Runnable job) {
    env.lifecycle().manage(new PeriodicJob(name, Duration.ofSeconds(seconds), job));
  }

  Clock clock() {
    return Clock.systemUTC();
  }
}
