package io.canopy.controlplane.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.common.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatasourceNameTest {
  @ParameterizedTest
  @ValueSource(strings = {"ab", "web", "web_2026", "a123456789012345678901234567890123456789"})
  void lowerCaseLettersDigitsAndUnderscoresAreAccepted(String name) {
    assertThat(DatasourceName.of(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "w",
        "Web",
        "1web",
        "_web",
        "web-app",
        "web app",
        "wéb",
        "web;drop",
        "a1234567890123456789012345678901234567890"
      })
  void anythingElseIsRefusedNamingTheNameField(String name) {
    assertThatThrownBy(() -> DatasourceName.of(name))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"));
  }
}
