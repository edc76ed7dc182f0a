package io.canopy.controlplane.tenant;

import io.canopy.controlplane.auth.Scope;
import java.util.Set;
import java.util.UUID;

/** A key just created: the only time its secret {@code key} exists outside the caller's hands. */
public record IssuedKey(UUID id, String prefix, String key, String name, Set<Scope> scopes) {}
