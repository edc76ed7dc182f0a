package io.canopy.controlplane.tenant;

import io.canopy.controlplane.auth.ApiKeys;
import io.canopy.controlplane.auth.Scope;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.config.BootstrapConfig;
import io.canopy.controlplane.tenant.db.KeyDao;
import io.canopy.controlplane.tenant.db.TenantDao;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the default tenant with an ingest key at first start. The key is "shown once": written to
 * the configured file with mode 0600 when the tenant is created, never logged, and never written
 * again (only its hash is stored).
 */
public final class DefaultTenantBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultTenantBootstrap.class);

  private final TenantDao tenants;
  private final BootstrapConfig config;

  public DefaultTenantBootstrap(TenantDao tenants, BootstrapConfig config) {
    this.tenants = tenants;
    this.config = config;
  }

  /** Returns true if the tenant was created now. */
  public boolean ensure() {
    if (config.apiKeyFile == null || config.apiKeyFile.isBlank()) {
      return false;
    }
    if (tenants.findBySlug(config.tenant).isPresent()) {
      return false;
    }
    ApiKeys.Generated key = ApiKeys.generate();
    // Write the key first: if the insert then fails, a stale file is harmless; the reverse would
    // leave a tenant whose only key nobody can ever see.
    writeSecret(Path.of(config.apiKeyFile), key.key());
    tenants.createWithKey(
        config.tenant,
        "Default tenant",
        Quotas.UNSET,
        new KeyDao.NewKey(
            UUID.randomUUID(),
            key.prefix(),
            key.hash(),
            "default ingest key",
            List.of(Scope.INGEST.json())));
    LOG.info(
        "Created tenant '{}' with an ingest API key (prefix {}); the key is in {}",
        config.tenant,
        key.prefix(),
        config.apiKeyFile);
    return true;
  }

  private static void writeSecret(Path file, String secret) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp =
          Files.createTempFile(
              file.toAbsolutePath().getParent(),
              ".key-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, secret + "\n");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the default API key to " + file, e);
    }
  }
}
