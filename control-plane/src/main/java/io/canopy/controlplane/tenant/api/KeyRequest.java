package io.canopy.controlplane.tenant.api;

import java.util.List;

/** Body of {@code POST /v1/tenants/{tenant}/keys}: a name and at least one scope. */
public record KeyRequest(String name, List<String> scopes) {}
