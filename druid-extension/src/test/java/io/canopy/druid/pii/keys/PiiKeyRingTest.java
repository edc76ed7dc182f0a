package io.canopy.druid.pii.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiKeyRingTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @Test
  void readsKeysFromPasswordProvidersAndNeverPrintsThem() throws Exception {
    PiiKeyRingConfig config =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue(
                "{\"keys\":{\"k1\":{\"type\":\"default\",\"password\":\"" + SECRET + "\"}}}",
                PiiKeyRingConfig.class);
    PiiKeyRing ring = PiiKeyRing.fromConfig(config);
    assertThat(ring.keyIds()).containsExactly("k1");
    assertThat(ring.pseudonymizer("k1").pseudonymize("x")).hasSize(22);
    assertThat(config.toString()).contains("k1").doesNotContain(SECRET);
    assertThat(ring.toString()).contains("k1").doesNotContain(SECRET);
    assertThat(ring.pseudonymizer("k1").toString()).doesNotContain(SECRET);
  }

  @Test
  void rejectsBadIdsAndWeakSecretsNamingTheKeyButNotTheSecret() {
    assertThatThrownBy(() -> new PiiKeyRing(Map.of("bad id", SECRET)))
        .hasMessageContaining("PII key id [bad id] must be 1-64 characters");
    assertThatThrownBy(() -> new PiiKeyRing(Map.of("k1", "short-secret")))
        .hasMessageContaining("PII key [k1] has a missing or short secret")
        .hasMessageNotContaining("short-secret");
    assertThat(PiiKeyRing.fromConfig(new PiiKeyRingConfig()).keyIds()).isEmpty();
  }

  @Test
  void aKeyWithoutSecretIsRefused() throws Exception {
    PiiKeyRingConfig config =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue("{\"keys\":{\"k2\":null}}", PiiKeyRingConfig.class);
    assertThatThrownBy(() -> PiiKeyRing.fromConfig(config))
        .hasMessageContaining("PII key [k2] has a missing or short secret");
  }

  @Test
  void unknownKeyIdsListTheConfiguredOnes() {
    PiiKeyRing ring = new PiiKeyRing(Map.of("k1", SECRET, "k2", SECRET));
    assertThatThrownBy(() -> ring.pseudonymizer("k3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no PII key with id [k3] in the key ring (druid.canopy.pii.keys); configured ids: [k1,"
                + " k2]");
  }
}
