package io.canopy.controlplane.tenant.api;

import io.canopy.controlplane.auth.Scope;
import java.util.Set;
import java.util.UUID;

/** A new key: the only answer that ever holds the full {@code key}; only its hash is stored. */
public record KeyCreatedResponse(
    UUID id, String prefix, String key, String name, Set<Scope> scopes) {}
