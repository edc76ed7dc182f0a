package io.canopy.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.StackPorts;

/** The control plane's query-cache counters, from its admin port, and their growth meanwhile. */
record CacheCounts(long hits, long misses, long joins, long stale) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static CacheCounts read(StackPorts ports) throws Exception {
    JsonNode counters =
        JSON.readTree(
                DruidSqlClient.get("http://127.0.0.1:" + ports.controlPlaneAdmin() + "/metrics"))
            .path("counters");
    return new CacheCounts(
        counters.path("canopy.query.cache.hits").path("count").asLong(),
        counters.path("canopy.query.cache.misses").path("count").asLong(),
        counters.path("canopy.query.cache.joins").path("count").asLong(),
        counters.path("canopy.query.cache.stale").path("count").asLong());
  }

  String since(CacheCounts before) {
    return String.format(
        "cache meanwhile: %,d hits, %,d misses, %,d single-flight joins, %,d answers of a moment"
            + " ago served while revalidating",
        hits - before.hits, misses - before.misses, joins - before.joins, stale - before.stale);
  }
}
