package io.canopy.controlplane.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.common.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantSlugTest {
  @ParameterizedTest
  @ValueSource(
      strings = {"ab", "acme", "acme-eu-1", "a0", "z123456789-123456789-123456789-123456789"})
  void aSlugOfLowerCaseLettersDigitsAndDashesIsAccepted(String slug) {
    assertThat(TenantSlug.of(slug).value()).isEqualTo(slug);
    assertThat(TenantSlug.isValid(slug)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "a", "Acme", "1acme", "-acme", "ac me", "acme_eu", "acmé", "acme\u0000"})
  void anythingElseIsRefusedNamingTheSlugField(String slug) {
    assertThat(TenantSlug.isValid(slug)).isFalse();
    assertThatThrownBy(() -> TenantSlug.of(slug))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("slug"));
  }

  @Test
  void sixtyThreeCharactersIsTheLongest() {
    assertThat(TenantSlug.isValid("a" + "b".repeat(62))).isTrue();
    assertThat(TenantSlug.isValid("a" + "b".repeat(63))).isFalse();
  }

  @Test
  void nullIsRefusedAndAVeryLongValueIsShortenedInTheMessage() {
    assertThatThrownBy(() -> TenantSlug.of(null)).hasMessageContaining("not 'null'");
    assertThatThrownBy(() -> TenantSlug.of("x".repeat(10_000)))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).endsWith("…'"));
  }
}
