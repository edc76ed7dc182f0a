package io.canopy.specs;

import java.util.Map;

/**
 * The compaction task that erases one tenant's rows from an interval of a pooled events datasource,
 * rendered from {@code ingestion-specs/events/erasure.json}. Compaction keeps every other row,
 * rolled up again with each metric's combining form (sketches merge), and keeps the segment and
 * query granularity; an interval left without rows becomes a tombstone.
 */
public final class ErasureSpec {
  private ErasureSpec() {}

  /**
   * @param taskId the task id; a second submission of the same id is refused by Druid
   * @param interval ISO-8601 {@code start/end}, covering whole segments
   */
  public static String render(String taskId, String datasource, String interval, String tenant) {
    return SpecTemplate.load("events/erasure.json")
        .render(
            Map.of(
                "taskId",
                taskId,
                "datasource",
                datasource,
                "interval",
                interval,
                "tenant",
                tenant));
  }
}
