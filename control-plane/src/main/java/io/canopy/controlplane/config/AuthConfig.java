package io.canopy.controlplane.config;

/**
 * The operator credential: a bearer token of at least 32 characters that bootstraps the admin API
 * (tenants, keys, audit). Set it from the environment ({@code operatorToken:
 * ${CANOPY_OPERATOR_TOKEN:-}}); empty disables the operator API.
 */
public class AuthConfig {
  public String operatorToken = "";

  /**
   * The secret Druid's Canopy authenticator presents to ask about an API key ({@code POST
   * /internal/v1/keys/introspect}); empty turns that endpoint off. Never a tenant credential.
   */
  public String internalSecret = "";
}
