package io.canopy.druid.sketch.req;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.google.inject.Binder;
import io.canopy.druid.sketch.req.sql.ReqSketchApproxQuantileSqlAggregator;
import io.canopy.druid.sketch.req.sql.ReqSketchCdfOperatorConversion;
import io.canopy.druid.sketch.req.sql.ReqSketchHistogramOperatorConversion;
import io.canopy.druid.sketch.req.sql.ReqSketchObjectSqlAggregator;
import io.canopy.druid.sketch.req.sql.ReqSketchQuantileOperatorConversion;
import io.canopy.druid.sketch.req.sql.ReqSketchRankOperatorConversion;
import io.canopy.druid.sketch.serde.SketchSerdes;
import java.util.List;
import org.apache.druid.guice.ExpressionModule;
import org.apache.druid.initialization.DruidModule;
import org.apache.druid.sql.guice.SqlBindings;

/** REQ relative-error quantile sketches: aggregators, post-aggregators, column type and SQL. */
public class ReqSketchModule implements DruidModule {
  @Override
  public List<? extends Module> getJacksonModules() {
    SimpleModule module =
        new SimpleModule("CanopyReqSketchModule")
            .registerSubtypes(
                new NamedType(
                    ReqSketchBuildAggregatorFactory.class,
                    ReqSketchBuildAggregatorFactory.TYPE_NAME),
                new NamedType(
                    ReqSketchMergeAggregatorFactory.class,
                    ReqSketchMergeAggregatorFactory.TYPE_NAME),
                new NamedType(
                    ReqSketchToQuantilePostAggregator.class,
                    ReqSketchToQuantilePostAggregator.TYPE_NAME),
                new NamedType(
                    ReqSketchToQuantilesPostAggregator.class,
                    ReqSketchToQuantilesPostAggregator.TYPE_NAME),
                new NamedType(
                    ReqSketchToRankPostAggregator.class, ReqSketchToRankPostAggregator.TYPE_NAME),
                new NamedType(
                    ReqSketchToCDFPostAggregator.class, ReqSketchToCDFPostAggregator.TYPE_NAME),
                new NamedType(
                    ReqSketchToHistogramPostAggregator.class,
                    ReqSketchToHistogramPostAggregator.TYPE_NAME));
    return List.of(SketchSerdes.withSerializer(module, ReqSketchCodec.INSTANCE));
  }

  @Override
  public void configure(Binder binder) {
    registerSerde();
    SqlBindings.addAggregator(binder, ReqSketchApproxQuantileSqlAggregator.class);
    SqlBindings.addAggregator(binder, ReqSketchObjectSqlAggregator.class);
    ExpressionModule.addExprMacro(binder, ReqSketchQuantileExprMacro.class);
    SqlBindings.addOperatorConversion(binder, ReqSketchQuantileOperatorConversion.class);
    SqlBindings.addOperatorConversion(binder, ReqSketchRankOperatorConversion.class);
    SqlBindings.addOperatorConversion(binder, ReqSketchCdfOperatorConversion.class);
    SqlBindings.addOperatorConversion(binder, ReqSketchHistogramOperatorConversion.class);
  }

  public static void registerSerde() {
    SketchSerdes.register(ReqSketchCodec.INSTANCE);
  }
}
