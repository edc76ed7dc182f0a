package io.canopy.controlplane.config;

/**
 * The operator credential: a bearer token of at least 32 characters that bootstraps the admin API
 * (tenants, keys, audit). Set it from the environment ({@code operatorToken:
 * ${CANOPY_OPERATOR_TOKEN:-}}); empty disables the operator API.
 */
public class AuthConfig {
  public String operatorToken = "";
}
