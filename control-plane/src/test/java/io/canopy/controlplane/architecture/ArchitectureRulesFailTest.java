package io.canopy.controlplane.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.canopy.controlplane.ingest.IngestService;
import io.canopy.controlplane.quota.IngestRateLimiter;
import io.canopy.controlplane.tenant.Tenant;
import io.canopy.controlplane.tenant.db.TenantDao;
import org.junit.jupiter.api.Test;

/** The rules fail where they should: on deliberate violations kept in test sources. */
class ArchitectureRulesFailTest {
  private static JavaClasses classes(String... names) throws ClassNotFoundException {
    Class<?>[] types = new Class<?>[names.length];
    for (int i = 0; i < names.length; i++) {
      types[i] = Class.forName(names[i]);
    }
    return new ClassFileImporter().importClasses(types);
  }

  private static final String LAYERING = "io.canopy.controlplane.druid.LayeringViolationFixture";
  private static final String CYCLE = "io.canopy.controlplane.quota.CycleFixture";

  private static void assertViolated(ArchRule rule, JavaClasses classes) {
    assertThat(rule.evaluate(classes).hasViolation()).as(rule.getDescription()).isTrue();
  }

  @Test
  void infrastructureImportingAFeatureFails() throws Exception {
    JavaClasses classes = classes(LAYERING, Tenant.class.getName());
    assertViolated(LayeringRules.INFRASTRUCTURE_KNOWS_NO_FEATURE, classes);
    assertViolated(LayeringRules.ONLY_API_AND_WEB_SEE_JAX_RS, classes);
    assertViolated(LayeringRules.ONLY_API_IMPORTS_WEB, classes);
    assertViolated(LayeringRules.layerStaysInside("tenant", "db"), classes);
  }

  @Test
  void aResourceReadingADaoFails() throws Exception {
    assertViolated(
        LayeringRules.RESOURCES_USE_NO_DAO,
        classes(
            "io.canopy.controlplane.tenant.api.DaoReadingResourceFixture",
            TenantDao.class.getName()));
  }

  @Test
  void aCycleBetweenFeaturesFails() throws Exception {
    assertViolated(
        LayeringRules.NO_CYCLES_BETWEEN_FEATURES,
        classes(CYCLE, IngestService.class.getName(), IngestRateLimiter.class.getName()));
  }
}
