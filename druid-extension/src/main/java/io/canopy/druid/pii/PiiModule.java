package io.canopy.druid.pii;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.google.inject.Binder;
import com.google.inject.Provides;
import io.canopy.druid.pii.expr.DetectExprMacro;
import io.canopy.druid.pii.expr.MaskEmailExprMacro;
import io.canopy.druid.pii.expr.PseudonymizeExprMacro;
import io.canopy.druid.pii.expr.RedactExprMacro;
import io.canopy.druid.pii.expr.TruncateIpExprMacro;
import io.canopy.druid.pii.keys.PiiKeyRing;
import io.canopy.druid.pii.keys.PiiKeyRingConfig;
import io.canopy.druid.pii.policy.PiiPolicyInputFormat;
import io.canopy.druid.pii.sql.DetectOperatorConversion;
import io.canopy.druid.pii.sql.MaskEmailOperatorConversion;
import io.canopy.druid.pii.sql.PseudonymizeOperatorConversion;
import io.canopy.druid.pii.sql.RedactOperatorConversion;
import io.canopy.druid.pii.sql.TruncateIpOperatorConversion;
import java.util.List;
import org.apache.druid.guice.ExpressionModule;
import org.apache.druid.guice.JsonConfigProvider;
import org.apache.druid.guice.LazySingleton;
import org.apache.druid.initialization.DruidModule;
import org.apache.druid.sql.guice.SqlBindings;

/**
 * Canopy's PII masking for Druid: the {@code pii_*} expression functions (usable in transforms,
 * filters, virtual columns and SQL), the {@code canopyPiiPolicy} input format, and the key ring
 * configured under {@code druid.canopy.pii}. Listed in {@code
 * META-INF/services/org.apache.druid.initialization.DruidModule}; loaded by every Druid process
 * with {@code druid.extensions.loadList=["canopy"]}.
 */
public class PiiModule implements DruidModule {
  static final String CONFIG_PREFIX = "druid.canopy.pii";

  @Override
  public List<? extends Module> getJacksonModules() {
    return List.of(
        new SimpleModule("CanopyPiiModule")
            .registerSubtypes(
                new NamedType(PiiPolicyInputFormat.class, PiiPolicyInputFormat.TYPE_NAME)));
  }

  @Override
  public void configure(Binder binder) {
    JsonConfigProvider.bind(binder, CONFIG_PREFIX, PiiKeyRingConfig.class);
    ExpressionModule.addExprMacro(binder, PseudonymizeExprMacro.class);
    ExpressionModule.addExprMacro(binder, TruncateIpExprMacro.class);
    ExpressionModule.addExprMacro(binder, MaskEmailExprMacro.class);
    ExpressionModule.addExprMacro(binder, RedactExprMacro.class);
    ExpressionModule.addExprMacro(binder, DetectExprMacro.class);
    SqlBindings.addOperatorConversion(binder, PseudonymizeOperatorConversion.class);
    SqlBindings.addOperatorConversion(binder, TruncateIpOperatorConversion.class);
    SqlBindings.addOperatorConversion(binder, MaskEmailOperatorConversion.class);
    SqlBindings.addOperatorConversion(binder, RedactOperatorConversion.class);
    SqlBindings.addOperatorConversion(binder, DetectOperatorConversion.class);
  }

  /** One key ring per process; a bad key configuration stops the process at start. */
  @Provides
  @LazySingleton
  public PiiKeyRing provideKeyRing(PiiKeyRingConfig config) {
    return PiiKeyRing.fromConfig(config);
  }
}
