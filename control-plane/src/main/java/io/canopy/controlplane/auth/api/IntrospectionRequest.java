package io.canopy.controlplane.auth.api;

/** Body of {@code POST /internal/v1/keys/introspect}: a key's prefix and Base64 SHA-256. */
public record IntrospectionRequest(String prefix, String sha256) {}
