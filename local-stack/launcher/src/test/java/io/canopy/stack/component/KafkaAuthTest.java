package io.canopy.stack.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.stack.KafkaClients;
import io.canopy.stack.Secrets;
import io.canopy.stack.StackLayout;
import io.canopy.stack.StackPorts;
import java.nio.file.Path;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaAuthTest {
  @TempDir Path root;

  private KafkaAuth auth() {
    StackLayout layout = new StackLayout(root, root.resolve(".canopy"));
    return new KafkaAuth(layout, new StackPorts(0), new Secrets(layout.secrets()));
  }

  @Test
  void aStoreWithTheAdminsScramCredentialTakesScramOnlyOnTheClientListener() {
    KafkaAuth auth = auth();
    auth.markBootstrapped();

    assertThat(auth.serverProperties())
        .contains(
            "listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512",
            "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
            "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
            "super.users=User:admin",
            "allow.everyone.if.no.acl.found=false")
        .noneMatch(line -> line.startsWith("listener.name.client.plain."));
    assertThat(auth.adminClient().getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
  }

  @Test
  void aStoreFromBeforeKafkaHadUsersAlsoTakesTheAdminsPlainLoginToCreateThem() {
    KafkaAuth auth = auth();

    assertThat(auth.bootstrapped()).isFalse();
    assertThat(auth.serverProperties())
        .contains(
            "listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN",
            "sasl.mechanism.inter.broker.protocol=PLAIN")
        .anyMatch(line -> line.startsWith("listener.name.client.plain.sasl.jaas.config="));
    assertThat(auth.adminClient().getProperty("sasl.mechanism")).isEqualTo("PLAIN");
  }

  @Test
  void aNewStoreIsFormattedWithTheAdminsScramCredential() {
    Secrets secrets = new Secrets(new StackLayout(root, root.resolve(".canopy")).secrets());

    assertThat(auth().formatArguments())
        .containsExactly(
            "--add-scram",
            "SCRAM-SHA-512=[name=admin,password=" + secrets.kafkaPassword("admin") + "]");
  }

  @Test
  void druidMayOnlyReadAndTheControlPlaneOnlyTouchCanopysTopicsAndTransactions() {
    assertThat(KafkaAuth.acls())
        .filteredOn(acl -> acl.entry().principal().equals("User:" + KafkaClients.DRUID))
        .extracting(acl -> acl.pattern().resourceType() + " " + acl.entry().operation())
        .containsExactly("TOPIC READ");
    assertThat(KafkaAuth.acls())
        .extracting(AclBinding::pattern)
        .allSatisfy(
            pattern ->
                assertThat(pattern.name()).isIn(KafkaClients.TOPIC_PREFIX, "canopy-control-plane"))
        .allSatisfy(pattern -> assertThat(pattern.patternType().name()).isEqualTo("PREFIXED"));
    assertThat(KafkaAuth.acls())
        .extracting(acl -> acl.entry().operation())
        .doesNotContain(AclOperation.ALL, AclOperation.ALTER, AclOperation.CLUSTER_ACTION);
  }
}
