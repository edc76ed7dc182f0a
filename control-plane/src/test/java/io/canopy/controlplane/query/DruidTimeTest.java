package io.canopy.controlplane.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DruidTimeTest {
  private static final DateTimeFormatter DRUID =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void readsDruidsShapeAsInstantParseDoes() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      Instant t = Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)); // 1970..2100
      String text = DRUID.format(t);
      assertThat(DruidTime.parse(text)).as(text).isEqualTo(Instant.parse(text)).isEqualTo(t);
    }
    assertThat(DruidTime.parse("2028-02-29T23:59:59.999Z"))
        .isEqualTo(Instant.parse("2028-02-29T23:59:59.999Z"));
  }

  @Test
  void otherShapesGoToInstantParse() {
    assertThat(DruidTime.parse("2026-12-02T10:16:00Z"))
        .isEqualTo(Instant.parse("2026-12-02T10:16:00Z"));
    assertThat(DruidTime.parse("2026-12-02T10:16:00.123456Z"))
        .isEqualTo(Instant.parse("2026-12-02T10:16:00.123456Z"));
    assertThat(DruidTime.parse("2026-12-02T10:16:00+01:00"))
        .isEqualTo(Instant.parse("2026-12-02T09:16:00Z"));
  }

  @Test
  void impossibleDatesAreRefusedLikeInstantParseRefusesThem() {
    for (String bad :
        new String[] {
          "2026-02-30T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-12-02T10:61:00.000Z"
        }) {
      assertThatThrownBy(() -> DruidTime.parse(bad)).as(bad).isInstanceOf(DateTimeException.class);
      assertThatThrownBy(() -> Instant.parse(bad)).as(bad).isInstanceOf(DateTimeException.class);
    }
  }
}
