package io.canopy.controlplane.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {
  private final Validator validator = Validators.newValidator();

  @Test
  void theDefaultsFitTheOneBrokerLocalStack() {
    KafkaConfig config = new KafkaConfig();

    assertThat(validator.validate(config)).isEmpty();
    assertThat(config.replicationFactor).isEqualTo(1);
    assertThat(config.minInsyncReplicas).isEqualTo(1);
  }

  @Test
  void productionsThreeAndTwoAreValid() {
    KafkaConfig config = new KafkaConfig();
    config.replicationFactor = 3;
    config.minInsyncReplicas = 2;

    assertThat(validator.validate(config)).isEmpty();
  }

  @Test
  void moreInSyncReplicasThanCopiesIsRefusedWhenTheConfigurationLoads() {
    KafkaConfig config = new KafkaConfig();
    config.minInsyncReplicas = 2;

    Set<String> messages =
        validator.validate(config).stream()
            .map(ConstraintViolation::getMessage)
            .collect(Collectors.toSet());
    assertThat(messages)
        .containsExactly("kafka.minInsyncReplicas cannot exceed kafka.replicationFactor");
  }
}
