package io.canopy.controlplane.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The control plane's production classes keep the layering of docs/architecture.md. */
class ArchitectureTest {
  private static final Pattern LAYER =
      Pattern.compile(Pattern.quote(LayeringRules.ROOT) + "\\.([a-z]+)\\.(api|db)(\\..*)?");

  static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(LayeringRules.ROOT);

  /** "tenant.api", "tenant.db", …: every feature sub-package that holds classes. */
  static Set<String> layers(JavaClasses classes) {
    Set<String> layers = new TreeSet<>();
    for (JavaClass type : classes) {
      Matcher m = LAYER.matcher(type.getPackageName());
      if (m.matches()) {
        layers.add(m.group(1) + "." + m.group(2));
      }
    }
    return layers;
  }

  @Test
  void theFeaturesAreFound() {
    assertThat(layers(PRODUCTION)).contains("tenant.api", "tenant.db", "datasource.api", "auth.db");
  }

  @Test
  void theProductionCodeKeepsEveryRule() {
    List<String> failures = new ArrayList<>();
    for (ArchRule rule : LayeringRules.all(layers(PRODUCTION))) {
      EvaluationResult result = rule.evaluate(PRODUCTION);
      if (result.hasViolation()) {
        failures.add(result.getFailureReport().toString());
      }
    }
    assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
  }
}
