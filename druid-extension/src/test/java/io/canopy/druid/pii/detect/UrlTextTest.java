package io.canopy.druid.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Personal data hidden by URL encoding, and URL parameters named for what they hold. */
class UrlTextTest {
  private static final PiiDetector ALL = PiiDetector.all();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/search?q=jane%40example.com|/search?q=[EMAIL]",
        "/search?q=jane%40example.com&page=2|/search?q=[EMAIL]&page=2",
        "https://shop.example/u/jane.doe%40example.com/orders|https://shop.example/u/[EMAIL]/orders",
        "/p?q=call+%2B1+415+555+0100+now|/p?q=call%20[PHONE]%20now",
        "/pay?note=card%204111%201111%201111%201111|/pay?note=card%20[CARD]",
        "/r?ip=203.0.113.77|/r?ip=[IP]",
        "/signup?email=anything&plan=pro|/signup?email=[REDACTED]&plan=pro",
        "/p?phone=%2B1+415+555+0100|/p?phone=[PHONE]",
        "/p?phone=call+me|/p?phone=[REDACTED]",
        "/cb?access_token=eyJhbGciOi.abc&state=xyz|/cb?access_token=[REDACTED]&state=xyz",
        "/cb?X-Auth-Token=abc123|/cb?X-Auth-Token=[REDACTED]",
        "/login?user_email=a&Password=hunter2|/login?user_email=[REDACTED]&Password=[REDACTED]",
        "/reset?token=|/reset?token=",
        "/pay?card=4111111111111111|/pay?card=[CARD]",
        "/u?email=jane%40example.com|/u?email=[EMAIL]",
        "/a?ref=jane%40example.com#top|/a?ref=[EMAIL]#top",
        "wrote to jane%40example.com yesterday|wrote to [EMAIL] yesterday",
      })
  void redactsWhatEncodingHidesAndWhatParameterNamesSay(String text, String expected) {
    assertThat(ALL.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/pricing?plan=pro&utm_source=news%20letter",
        "/docs/a%2Fb?x=1+2",
        "/a%ZZb?x=%",
        "/search?q=%E2%82%AC+price",
        "is this ok? yes + no",
        "100% sure",
      })
  void urlsWithoutPersonalDataAreLeftByteForByte(String text) {
    assertThat(ALL.redact(text)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/q?x=jane%40example.com", "/q?x=a+jane%40example.com+b"})
  void detectSeesThroughTheEncodingToo(String text) {
    assertThat(ALL.detect(text)).containsExactly(PiiType.EMAIL);
  }
}
