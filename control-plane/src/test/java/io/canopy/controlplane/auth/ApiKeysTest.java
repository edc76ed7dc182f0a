package io.canopy.controlplane.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

  @Test
  void generatedKeysParseBackToTheirPrefixAndHash() {
    ApiKeys.Generated key = ApiKeys.generate();

    assertThat(key.key()).matches("cnp_[0-9A-Za-z]{12}_[0-9A-Za-z]{40}");
    ApiKeys.Presented presented = ApiKeys.parse(key.key()).orElseThrow();
    assertThat(presented.prefix()).isEqualTo(key.prefix());
    assertThat(ApiKeys.matches(key.hash(), presented.hash())).isTrue();
  }

  @Test
  void aChangedSecretDoesNotMatch() {
    ApiKeys.Generated key = ApiKeys.generate();
    char last = key.key().charAt(key.key().length() - 1);
    String tampered = key.key().substring(0, key.key().length() - 1) + (last == 'a' ? 'b' : 'a');

    assertThat(ApiKeys.matches(key.hash(), ApiKeys.parse(tampered).orElseThrow().hash())).isFalse();
  }

  @Test
  void keysAreUnique() {
    assertThat(ApiKeys.generate().key()).isNotEqualTo(ApiKeys.generate().key());
  }

  @Test
  void somethingThatIsNotAKeyDoesNotParse() {
    assertThat(ApiKeys.parse(null)).isEmpty();
    assertThat(ApiKeys.parse("")).isEmpty();
    assertThat(ApiKeys.parse("cnp_short_secret")).isEmpty();
    assertThat(ApiKeys.parse("Basic dXNlcjpwYXNz")).isEmpty();
  }
}
