package io.canopy.controlplane.health;

import com.codahale.metrics.health.HealthCheck;
import io.canopy.controlplane.druid.IngestionProvisioner;

/** Healthy once the events topic, supervisor, load rules and compaction config are in place. */
public final class ProvisioningHealthCheck extends HealthCheck {
  private final IngestionProvisioner provisioner;

  public ProvisioningHealthCheck(IngestionProvisioner provisioner) {
    this.provisioner = provisioner;
  }

  @Override
  protected Result check() {
    IngestionProvisioner.Status s = provisioner.status();
    return s.done()
        ? Result.healthy(s.message())
        : Result.unhealthy("not provisioned: " + s.message());
  }
}
