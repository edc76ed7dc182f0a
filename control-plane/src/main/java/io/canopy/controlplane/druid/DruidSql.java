package io.canopy.controlplane.druid;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.canopy.controlplane.common.Demand;

/**
 * Druid SQL as the query features need it: a query in, its rows out, Druid's refusals as domain
 * errors. {@link DruidSqlRunner} runs it on the broker; unit tests of pure logic stand in a fake.
 * Implementations are thread-safe.
 */
public interface DruidSql {
  /**
   * The rows, as JSON objects by column name.
   *
   * @param demand whether the answer is still wanted; once it is gone the query is stopped and
   *     {@link io.canopy.controlplane.common.AbandonedException} thrown
   */
  ArrayNode rows(DruidSqlRunner.Query q, Demand demand);

  /** The rows, for someone who always waits for them. */
  default ArrayNode rows(DruidSqlRunner.Query q) {
    return rows(q, Demand.ALWAYS);
  }
}
