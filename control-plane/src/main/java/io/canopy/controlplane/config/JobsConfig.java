package io.canopy.controlplane.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How often the control plane's background jobs run. Plain bean for YAML binding. */
public class JobsConfig {
  /** Pooled-tenant erasures advance one step per run: check tasks, plan, submit. */
  @Min(1)
  @Max(3600)
  public int erasureEverySeconds = 60;

  /** Deep-storage retention: expired segments are marked unused and killed. */
  @Min(1)
  @Max(86400)
  public int retentionEverySeconds = 3600;

  /** Idempotency keys older than 24 hours are deleted. */
  @Min(1)
  @Max(86400)
  public int idempotencyExpiryEverySeconds = 3600;

  /**
   * Accepted deletions of dedicated datasources advance one step per run: stop the tasks; once none
   * runs, kill the segments and delete the topic.
   */
  @Min(1)
  @Max(3600)
  public int datasourceDeletionEverySeconds = 5;

  /**
   * Every supervisor's state and lag is read, so the {@code ingestion} health check knows how long
   * one has been behind.
   */
  @Min(1)
  @Max(300)
  public int supervisorWatchEverySeconds = 30;
}
