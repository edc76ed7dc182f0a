package io.canopy.controlplane.datasource;

import java.util.Optional;

/** A dedicated datasource, with what Druid shows of it when that was asked for. */
public record DatasourceDetails(Datasource datasource, Optional<DatasourceLive> live) {}
