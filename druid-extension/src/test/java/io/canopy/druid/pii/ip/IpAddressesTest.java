package io.canopy.druid.pii.ip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "203.0.113.77, 203.0.113.0",
    "10.255.255.255, 10.255.255.0",
    "0.0.0.0, 0.0.0.0",
    "2001:db8:abcd:12:1:2:3:4, 2001:db8:abcd::",
    "2001:DB8::1, 2001:db8::",
    "::1, ::",
    "::ffff:192.0.2.1, ::",
    "fe80::1:2, fe80::",
  })
  void truncatesToTheDefaultPrefixes(String ip, String expected) {
    assertThat(IpAddresses.truncate(ip, 24, 48)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "203.0.113.77, 16, 203.0.0.0",
    "203.0.113.77, 32, 203.0.113.77",
    "203.0.113.77, 0, 0.0.0.0",
    "203.0.113.77, 20, 203.0.112.0",
  })
  void truncatesToAnyV4Prefix(String ip, int bits, String expected) {
    assertThat(IpAddresses.truncate(ip, bits, 48)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    "1:0:1:0:1:0:1:0, 1:0:1:0:1:0:1:0",
  })
  void formatsIpv6Canonically(String ip, String expected) {
    assertThat(IpAddresses.truncate(ip, 32, 128)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "hello",
        "256.1.1.1",
        "1.2.3",
        "1.2.3.4.5",
        "01.2.3.4",
        "1.2.3.4 ",
        "1::2::3",
        "12345::1",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "g::1",
        ":::",
        "١.٢.٣.٤"
      })
  void nonAddressesBecomeNull(String text) {
    assertThat(IpAddresses.parse(text)).isNull();
    assertThat(IpAddresses.truncate(text, 24, 48)).isNull();
  }
}
