package io.canopy.controlplane.health;

import com.codahale.metrics.health.HealthCheck;
import io.canopy.controlplane.config.KafkaConfig;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** The Kafka cluster answers a metadata request. */
public final class KafkaHealthCheck extends HealthCheck {
  private final KafkaConfig config;

  public KafkaHealthCheck(KafkaConfig config) {
    this.config = config;
  }

  @Override
  protected Result check() throws Exception {
    Properties p = config.clientProperties();
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    try (Admin admin = Admin.create(p)) {
      int brokers =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(3000))
              .nodes()
              .get(4, TimeUnit.SECONDS)
              .size();
      return Result.healthy(brokers + " broker(s)");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException) {
        return Result.unhealthy(
            "Kafka at " + config.bootstrapServers + " refused the login of kafka.username");
      }
      return Result.unhealthy("Kafka at " + config.bootstrapServers + " is not reachable");
    } catch (java.util.concurrent.TimeoutException e) {
      return Result.unhealthy("Kafka at " + config.bootstrapServers + " is not reachable");
    }
  }
}
