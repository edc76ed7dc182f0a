package io.canopy.controlplane.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void nulAndUnpairedSurrogatesAreRefusedAndPairsAreText() {
    assertThat(Text.problem("plain")).isNull();
    assertThat(Text.problem("😀")).isNull();
    assertThat(Text.problem("a\u0000")).isEqualTo("must not contain the NUL character");
    assertThat(Text.problem("\uD800x"))
        .isEqualTo("must not contain an unpaired surrogate (\\uD800)");
    assertThat(Text.problem("x\uDC00"))
        .isEqualTo("must not contain an unpaired surrogate (\\uDC00)");
    assertThat(Text.problem("\uDE00\uD83D")).as("reversed pair").isNotNull();
  }
}
