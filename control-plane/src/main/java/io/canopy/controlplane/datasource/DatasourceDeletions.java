package io.canopy.controlplane.datasource;

import io.canopy.controlplane.datasource.db.DatasourceDao;
import io.canopy.controlplane.druid.DruidClient;
import io.canopy.controlplane.druid.DruidTasks;
import io.canopy.controlplane.kafka.KafkaTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes accepted deletions of dedicated datasources, one step per run of its periodic job, so no
 * request thread waits on Druid. A datasource's erasure: its supervisor is terminated and its tasks
 * stopped without publishing; only once none runs are its segments marked unused and killed
 * (deleted from deep storage), because a task still running could publish what it holds; then its
 * topic is deleted with its events, and it is {@code deleted}, its name free again. Every step is
 * safe to repeat, so a failure (Druid or Kafka away) is retried on the next run.
 */
public final class DatasourceDeletions {
  private static final Logger LOG = LoggerFactory.getLogger(DatasourceDeletions.class);

  private final DatasourceDao datasources;
  private final DruidClient druid;
  private final DruidTasks tasks;
  private final KafkaTopics topics;

  public DatasourceDeletions(DatasourceDao datasources, DruidClient druid, KafkaTopics topics) {
    this.datasources = datasources;
    this.druid = druid;
    this.tasks = druid.tasks();
    this.topics = topics;
  }

  /** Takes every pending deletion as far as it goes now; a failure leaves it for the next run. */
  public void advanceAll() {
    for (Datasource datasource : datasources.listDeleting()) {
      try {
        advance(datasource);
      } catch (RuntimeException e) {
        LOG.warn("Deletion of datasource {} waits: {}", datasource.druidName(), String.valueOf(e));
      }
    }
  }

  /** One step of one deletion; true once the datasource is deleted. */
  boolean advance(Datasource datasource) {
    String name = datasource.druidName();
    if (druid.supervisorStatus(name).isPresent()) {
      druid.supervisorAction(name, "terminate");
    }
    if (!tasks.stopActive(name)) {
      LOG.info("Deletion of datasource {}: waiting for its tasks to stop", name);
      return false;
    }
    druid.deleteCompactionConfig(name);
    tasks.markAllUnused(name);
    tasks.kill(name, DruidTasks.ALL_TIME);
    topics.delete(datasource.topic());
    datasources.setStatus(datasource.id(), DatasourceStatus.DELETED);
    LOG.info("Datasource {} deleted: segments killed, topic {} deleted", name, datasource.topic());
    return true;
  }
}
