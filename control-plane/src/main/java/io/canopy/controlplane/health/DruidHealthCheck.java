package io.canopy.controlplane.health;

import com.codahale.metrics.health.HealthCheck;
import io.canopy.controlplane.config.DruidConfig;
import io.canopy.controlplane.druid.DruidClient;

/** Druid's coordinator/overlord and broker answer {@code /status/health}. */
public final class DruidHealthCheck extends HealthCheck {
  private final DruidClient druid;
  private final DruidConfig config;

  public DruidHealthCheck(DruidClient druid, DruidConfig config) {
    this.druid = druid;
    this.config = config;
  }

  @Override
  protected Result check() {
    for (String url : new String[] {config.coordinatorUrl, config.overlordUrl, config.brokerUrl}) {
      if (!druid.healthy(url)) {
        return Result.unhealthy("Druid at " + url + " is not healthy");
      }
    }
    return Result.healthy();
  }
}
