package io.canopy.druid.sketch.cpc;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.google.inject.Binder;
import io.canopy.druid.sketch.cpc.sql.CpcSketchApproxCountDistinctSqlAggregator;
import io.canopy.druid.sketch.cpc.sql.CpcSketchEstimateOperatorConversion;
import io.canopy.druid.sketch.cpc.sql.CpcSketchEstimateWithErrorBoundsOperatorConversion;
import io.canopy.druid.sketch.cpc.sql.CpcSketchObjectSqlAggregator;
import io.canopy.druid.sketch.cpc.sql.CpcSketchSetUnionOperatorConversion;
import io.canopy.druid.sketch.serde.SketchSerdes;
import java.util.List;
import org.apache.druid.guice.ExpressionModule;
import org.apache.druid.initialization.DruidModule;
import org.apache.druid.sql.guice.SqlBindings;

/** CPC distinct-count sketches: aggregators, post-aggregators, column type and SQL functions. */
public class CpcSketchModule implements DruidModule {
  @Override
  public List<? extends Module> getJacksonModules() {
    SimpleModule module =
        new SimpleModule("CanopyCpcSketchModule")
            .registerSubtypes(
                new NamedType(
                    CpcSketchBuildAggregatorFactory.class,
                    CpcSketchBuildAggregatorFactory.TYPE_NAME),
                new NamedType(
                    CpcSketchMergeAggregatorFactory.class,
                    CpcSketchMergeAggregatorFactory.TYPE_NAME),
                new NamedType(
                    CpcSketchToEstimatePostAggregator.class,
                    CpcSketchToEstimatePostAggregator.TYPE_NAME),
                new NamedType(
                    CpcSketchToEstimateWithBoundsPostAggregator.class,
                    CpcSketchToEstimateWithBoundsPostAggregator.TYPE_NAME),
                new NamedType(
                    CpcSketchUnionPostAggregator.class, CpcSketchUnionPostAggregator.TYPE_NAME));
    return List.of(SketchSerdes.withSerializer(module, CpcSketchCodec.INSTANCE));
  }

  @Override
  public void configure(Binder binder) {
    registerSerde();
    SqlBindings.addAggregator(binder, CpcSketchApproxCountDistinctSqlAggregator.class);
    SqlBindings.addAggregator(binder, CpcSketchObjectSqlAggregator.class);
    ExpressionModule.addExprMacro(binder, CpcSketchEstimateExprMacro.class);
    SqlBindings.addOperatorConversion(binder, CpcSketchEstimateOperatorConversion.class);
    SqlBindings.addOperatorConversion(
        binder, CpcSketchEstimateWithErrorBoundsOperatorConversion.class);
    SqlBindings.addOperatorConversion(binder, CpcSketchSetUnionOperatorConversion.class);
  }

  public static void registerSerde() {
    SketchSerdes.register(CpcSketchCodec.INSTANCE);
  }
}
