package io.canopy.controlplane.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3629 UTF-8, byte by byte: what passes unchanged and where the first bad byte is. */
class StrictUtf8Test {
  private static byte[] hex(String hex) {
    String[] parts = hex.trim().split(" ");
    byte[] bytes = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return bytes;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"plain ascii", "é ü ß", "日本語", "😀 emoji", "\u007f\u0080\u07ff\u0800\uffff"})
  void wellFormedTextPassesUnchanged(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try (StrictUtf8 in = new StrictUtf8(new ByteArrayInputStream(bytes))) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "overlong slash,             41 C0 AF,       1",
    "overlong NUL,               C1 80,          0",
    "overlong 3-byte,            E0 80 AF,       1",
    "overlong 4-byte,            F0 80 80 AF,    1",
    "encoded surrogate,          ED A0 80,       1",
    "beyond U+10FFFF,            F4 90 80 80,    1",
    "never UTF-8,                41 FF,          1",
    "stray continuation,         41 80,          1",
    "truncated at the end,       41 E2 82,       3",
    "ascii where continuation,   E2 41,          1",
  })
  void malformedUtf8FailsAtTheFirstBadByte(String what, String bytes, long offset) {
    assertThatThrownBy(() -> new StrictUtf8(new ByteArrayInputStream(hex(bytes))).readAllBytes())
        .as(what)
        .isInstanceOfSatisfying(
            StrictUtf8.InvalidUtf8Exception.class, e -> assertThat(e.offset()).isEqualTo(offset));
  }
}
