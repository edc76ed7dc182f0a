package io.canopy.controlplane.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {
  private final Validator validator = Validators.newValidator();

  /** The defaults with the one thing they can't know: the control plane's Kafka login. */
  private static KafkaConfig withLogin() {
    KafkaConfig config = new KafkaConfig();
    config.username = "control-plane";
    config.password = "s3cret";
    return config;
  }

  @Test
  void theDefaultsFitTheOneBrokerLocalStack() {
    KafkaConfig config = withLogin();

    assertThat(validator.validate(config)).isEmpty();
    assertThat(config.replicationFactor).isEqualTo(1);
    assertThat(config.minInsyncReplicas).isEqualTo(1);
  }

  @Test
  void productionsThreeAndTwoAreValid() {
    KafkaConfig config = withLogin();
    config.replicationFactor = 3;
    config.minInsyncReplicas = 2;

    assertThat(validator.validate(config)).isEmpty();
  }

  @Test
  void moreInSyncReplicasThanCopiesIsRefusedWhenTheConfigurationLoads() {
    KafkaConfig config = withLogin();
    config.minInsyncReplicas = 2;

    Set<String> messages =
        validator.validate(config).stream()
            .map(ConstraintViolation::getMessage)
            .collect(Collectors.toSet());
    assertThat(messages)
        .containsExactly("kafka.minInsyncReplicas cannot exceed kafka.replicationFactor");
  }

  @Test
  void aSaslProtocolWithoutALoginIsRefusedWhenTheConfigurationLoads() {
    KafkaConfig config = new KafkaConfig();
    config.username = "control-plane";

    assertThat(validator.validate(config))
        .extracting(ConstraintViolation::getMessage)
        .containsExactly(
            "kafka.username and kafka.password are required with a SASL securityProtocol");
  }

  @Test
  void theClientsLogInWithScramAndTheJaasValueQuotesThePassword() {
    KafkaConfig config = withLogin();
    config.password = "a\"b\\c";

    Properties p = config.clientProperties();

    assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_PLAINTEXT");
    assertThat(p.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    assertThat(p.getProperty("sasl.jaas.config"))
        .isEqualTo(
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"control-plane\" password=\"a\\\"b\\\\c\";");
  }

  @Test
  void plaintextSendsNoLogin() {
    KafkaConfig config = new KafkaConfig();
    config.securityProtocol = "PLAINTEXT";

    assertThat(validator.validate(config)).isEmpty();
    assertThat(config.clientProperties()).doesNotContainKey("sasl.jaas.config");
  }
}
