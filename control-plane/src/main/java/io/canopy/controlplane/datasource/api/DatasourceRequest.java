package io.canopy.controlplane.datasource.api;

import java.util.List;

/**
 * Body of {@code POST /v1/tenants/{tenant}/datasources}: a name (required), a retention preset
 * ({@code standard} when left out) and extra dimensions from the allowlist (none when left out).
 */
public record DatasourceRequest(String name, String preset, List<String> dimensions) {}
