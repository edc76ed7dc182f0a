package io.canopy.specs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetentionPresetTest {
  private static final Pattern PERIOD = Pattern.compile("\"period\": \"(P\\d+D)\"");

  /** The control plane reasons with these periods: they must be what the rules really do. */
  @ParameterizedTest
  @EnumSource(RetentionPreset.class)
  void hotWarmColdThenDropAndThePeriodsAreTheRulesPeriods(RetentionPreset preset) {
    String rules = preset.loadRules();
    List<Period> periods = new ArrayList<>();
    Matcher m = PERIOD.matcher(rules);
    while (m.find()) {
      periods.add(Period.parse(m.group(1)));
    }

    assertThat(periods).hasSize(3);
    assertThat(periods.get(1)).isEqualTo(preset.loaded());
    assertThat(periods.get(2)).isEqualTo(preset.deepStorage());
    assertThat(rules)
        .contains("\"tieredReplicants\": {}, \"useDefaultTierForNull\": false}")
        .containsOnlyOnce("\"tieredReplicants\": {}");
    assertThat(rules.strip()).endsWith("{\"type\": \"dropForever\"}\n]".strip());
  }

  @ParameterizedTest
  @EnumSource(RetentionPreset.class)
  void deepStorageOutlastsWhatIsLoaded(RetentionPreset preset) {
    assertThat(preset.deepStorage().getDays()).isGreaterThan(preset.loaded().getDays());
  }

  @Test
  void standardKeepsOneYear() {
    assertThat(RetentionPreset.byId("standard")).contains(RetentionPreset.STANDARD);
    assertThat(RetentionPreset.STANDARD.deepStorage()).isEqualTo(Period.ofDays(365));
  }
}
