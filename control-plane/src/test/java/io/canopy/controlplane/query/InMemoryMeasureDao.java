package io.canopy.controlplane.query;

import io.canopy.controlplane.query.db.MeasureDao;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Custom measures kept in memory, for unit tests of the query path. Thread-safe. */
final class InMemoryMeasureDao implements MeasureDao {
  private final Map<String, String> definitions = new TreeMap<>();

  private static String key(UUID tenant, String datasource, String name) {
    return tenant + "/" + datasource + "/" + name;
  }

  @Override
  public synchronized void insert(UUID tenant, String datasource, String name, String definition) {
    definitions.put(key(tenant, datasource, name), definition);
  }

  @Override
  public synchronized int update(UUID tenant, String datasource, String name, String definition) {
    return definitions.replace(key(tenant, datasource, name), definition) == null ? 0 : 1;
  }

  @Override
  public synchronized int delete(UUID tenant, String datasource, String name) {
    return definitions.remove(key(tenant, datasource, name)) == null ? 0 : 1;
  }

  @Override
  public synchronized List<String> definitions(UUID tenant, String datasource) {
    List<String> out = new ArrayList<>();
    definitions.forEach(
        (k, v) -> {
          if (k.startsWith(key(tenant, datasource, ""))) {
            out.add(v);
          }
        });
    return out;
  }

  @Override
  public synchronized Optional<String> definition(UUID tenant, String datasource, String name) {
    return Optional.ofNullable(definitions.get(key(tenant, datasource, name)));
  }
}
