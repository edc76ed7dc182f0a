package io.canopy.druid.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiDetectorTest {
  private static final PiiDetector ALL = PiiDetector.all();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "mail jane.doe+tag@example.co.uk now|mail [EMAIL] now",
        "card 4111 1111 1111 1111 paid|card [CARD] paid",
        "card 4111-1111-1111-1111|card [CARD]",
        "amex 378282246310005.|amex [CARD].",
        "iban DE89 3704 0044 0532 0130 00 ok|iban [IBAN] ok",
        "iban GB82WEST12345698765432|iban [IBAN]",
        "from 203.0.113.77, then|from [IP], then",
        "v6 2001:db8::8a2e:370:7334 seen|v6 [IP] seen",
        "mapped ::ffff:192.0.2.1|mapped [IP]",
        "ends with 10.1.2.3.|ends with [IP].",
        "ssn 123-45-6789|ssn [SSN]",
        "call +1 415 555 0100 today|call [PHONE] today",
        "call (415) 555-0100|call [PHONE]",
        "ruf 030 1234 5678 an|ruf [PHONE] an",
        "two a@b.io and c@d.io|two [EMAIL] and [EMAIL]",
      })
  void redactsEachType(String text, String expected) {
    assertThat(ALL.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "order 4111111111111112 (Luhn-invalid)",
        "order id 1234567890123456",
        "timestamp 1763900000000 ms",
        "iban-like DE89 3704 0044 0532 0130 01",
        "version 1.2.3.4.5 and v1.2.3.4",
        "time 12:30:45 and 2026-11-23T12:30:45Z",
        "mac 00:1a:2b:3c:4d:5e",
        "hex id 9f86d081884c7d659a2feaa0c55ad015",
        "bad ip 256.1.1.1",
        "ssn-like 000-12-3456 and 666-12-3456 and 900-12-3456",
        "date 2026-11-23 and 23/11/2026",
        "uuid 123e4567-e89b-12d3-a456-426614174000",
        "ORD-2026-000123 shipped",
        "not an email: user@localhost",
      })
  void leavesLookAlikesAlone(String text) {
    assertThat(ALL.find(text)).as(text).isEmpty();
    assertThat(ALL.redact(text)).isEqualTo(text);
  }

  @Test
  void restrictsToTheRequestedTypes() {
    PiiDetector emailOnly = new PiiDetector(EnumSet.of(PiiType.EMAIL));
    String text = "a@b.io from 203.0.113.7";
    assertThat(emailOnly.redact(text)).isEqualTo("[EMAIL] from 203.0.113.7");
    assertThat(ALL.detect(text)).containsExactly(PiiType.EMAIL, PiiType.IP);
    assertThat(ALL.detect("nothing here")).isEmpty();
    assertThat(ALL.detect(null)).isEmpty();
    assertThat(ALL.redact(null)).isNull();
  }

  @Test
  void parsesTypeLists() {
    assertThat(PiiType.parseList(" email , CARD")).containsExactly(PiiType.EMAIL, PiiType.CARD);
    assertThat(PiiType.parseList("all")).isEqualTo(EnumSet.allOf(PiiType.class));
    assertThatThrownBy(() -> PiiType.parseList("email,passport"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown PII type [passport]");
    assertThatThrownBy(() -> PiiType.parseList(" , "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no PII type");
  }

  @Test
  void checksums() {
    assertThat(Checksums.luhn("79927398713")).isTrue();
    assertThat(Checksums.luhn("79927398710")).isFalse();
    assertThat(Checksums.luhn("7992x398713")).isFalse();
    assertThat(Checksums.paymentCard("5555555555554444")).isTrue();
    assertThat(Checksums.paymentCard("6011111111111117")).isTrue();
    assertThat(Checksums.paymentCard("1234567812345670")).as("no issuer starts with 1").isFalse();
    assertThat(Checksums.iban("NL91ABNA0417164300")).isTrue();
    assertThat(Checksums.iban("NL91ABNA041716430")).as("wrong length").isFalse();
    assertThat(Checksums.iban("XX91ABNA0417164300")).as("unknown country").isFalse();
    assertThat(Checksums.ssn("078", "05", "1120")).isTrue();
    assertThat(Checksums.ssn("123", "00", "4567")).isFalse();
  }
}
