package io.canopy.controlplane.datasource;

import java.util.List;

/** Every tenant's dedicated datasources in service (active or suspended), for the data jobs. */
public interface LiveDatasources {
  List<Datasource> listAllLive();
}
