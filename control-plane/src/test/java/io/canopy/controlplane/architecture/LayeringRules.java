package io.canopy.controlplane.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The control plane's dependency rules, as docs/architecture.md states them. {@code ..api..} is any
 * feature's resources with their request and response records; {@code ..db..} its DAOs, rows and
 * row mappers.
 */
final class LayeringRules {
  static final String ROOT = "io.canopy.controlplane";

  /** Shared infrastructure: knows no feature. */
  static final String[] INFRASTRUCTURE = {
    ROOT + ".common..",
    ROOT + ".config..",
    ROOT + ".db..",
    ROOT + ".druid..",
    ROOT + ".kafka..",
    ROOT + ".job..",
    ROOT + ".health.."
  };

  private static final String[] JAX_RS = {
    "jakarta.ws.rs..", "org.glassfish.jersey..", "io.dropwizard.jersey.."
  };

  private LayeringRules() {}

  /** No class but resources, {@code web} and the composition root. */
  private static GivenClassesConjunction outsideApiAndWeb() {
    return noClasses()
        .that()
        .resideOutsideOfPackages(ROOT + "..api..", ROOT + ".web..")
        .and()
        .resideOutsideOfPackage(ROOT);
  }

  /** Features (and infrastructure) form a DAG: no two top-level packages depend on each other. */
  static final ArchRule NO_CYCLES_BETWEEN_FEATURES =
      slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().allowEmptyShould(false);

  /** Infrastructure imports only infrastructure (and libraries), so any feature may use it. */
  static final ArchRule INFRASTRUCTURE_KNOWS_NO_FEATURE =
      classes()
          .that()
          .resideInAnyPackage(INFRASTRUCTURE)
          .should()
          .onlyDependOnClassesThat(
              resideOutsideOfPackage(ROOT + "..").or(resideInAnyPackage(INFRASTRUCTURE)));

  /** Only resources, {@code web} and the composition root see HTTP. */
  static final ArchRule ONLY_API_AND_WEB_SEE_JAX_RS =
      outsideApiAndWeb().should().dependOnClassesThat().resideInAnyPackage(JAX_RS);

  /** {@code web} serves resources: no service, DAO or job imports it. */
  static final ArchRule ONLY_API_IMPORTS_WEB =
      outsideApiAndWeb().should().dependOnClassesThat().resideInAPackage(ROOT + ".web..");

  /** A resource reaches data through its feature's services, never a DAO or row. */
  static final ArchRule RESOURCES_USE_NO_DAO =
      noClasses()
          .that()
          .resideInAPackage(ROOT + "..api..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ROOT + "..db..")
          .allowEmptyShould(false);

  /**
   * A feature's {@code api} is used by nothing but itself, and its {@code db} by nothing outside
   * the feature; the composition root, which opens the DAOs and registers the resources, excepted.
   */
  static ArchRule layerStaysInside(String feature, String layer) {
    String owner = ROOT + "." + feature + (layer.equals("api") ? ".api.." : "..");
    return noClasses()
        .that()
        .resideOutsideOfPackage(owner)
        .and()
        .resideOutsideOfPackage(ROOT)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + "." + feature + "." + layer + "..")
        .as("only " + owner + " uses " + ROOT + "." + feature + "." + layer);
  }

  /**
   * Every rule; {@code layers} are the feature sub-packages found, as "tenant.api", "tenant.db".
   */
  static List<ArchRule> all(Set<String> layers) {
    List<ArchRule> rules =
        new ArrayList<>(
            List.of(
                NO_CYCLES_BETWEEN_FEATURES,
                INFRASTRUCTURE_KNOWS_NO_FEATURE,
                ONLY_API_AND_WEB_SEE_JAX_RS,
                ONLY_API_IMPORTS_WEB,
                RESOURCES_USE_NO_DAO));
    for (String layer : layers) {
      int dot = layer.indexOf('.');
      rules.add(layerStaysInside(layer.substring(0, dot), layer.substring(dot + 1)));
    }
    return rules;
  }
}
