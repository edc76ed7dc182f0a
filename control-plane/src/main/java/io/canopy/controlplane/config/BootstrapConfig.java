package io.canopy.controlplane.config;

import jakarta.validation.constraints.NotBlank;

/**
 * The default tenant made at first start. Its ingest key is shown once: written to {@code
 * apiKeyFile} (mode 0600) when the tenant is created, and never logged. Leave {@code apiKeyFile}
 * empty to skip the default tenant.
 */
public class BootstrapConfig {
  @NotBlank public String tenant = "default";
  public String apiKeyFile = "";
}
