package io.canopy.controlplane.api;

import io.canopy.controlplane.PostgresExtension;
import io.canopy.controlplane.config.CanopyConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base of the admin API tests: each test class gets its own real PostgreSQL and its own running
 * control plane (operator token set, Kafka and Druid unreachable), and an {@link ApiClient}.
 */
abstract class ApiTest {
  @RegisterExtension
  @Order(1)
  static final PostgresExtension POSTGRES = new PostgresExtension();

  @RegisterExtension
  @Order(2)
  static final DropwizardAppExtension<CanopyConfiguration> APP = ApiClient.app(POSTGRES);

  static ApiClient api() {
    return new ApiClient(APP);
  }
}
