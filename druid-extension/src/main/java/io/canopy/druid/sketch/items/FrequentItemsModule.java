package io.canopy.druid.sketch.items;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.google.inject.Binder;
import io.canopy.druid.sketch.items.sql.FrequentItemsObjectSqlAggregator;
import io.canopy.druid.sketch.items.sql.FrequentItemsTopKOperatorConversion;
import io.canopy.druid.sketch.serde.SketchSerdes;
import java.util.List;
import org.apache.druid.initialization.DruidModule;
import org.apache.druid.sql.guice.SqlBindings;

/** Frequent Items (heavy hitter) sketches of strings: aggregators, top-K, column type and SQL. */
public class FrequentItemsModule implements DruidModule {
  @Override
  public List<? extends Module> getJacksonModules() {
    SimpleModule module =
        new SimpleModule("CanopyFrequentItemsModule")
            .registerSubtypes(
                new NamedType(
                    FrequentItemsBuildAggregatorFactory.class,
                    FrequentItemsBuildAggregatorFactory.TYPE_NAME),
                new NamedType(
                    FrequentItemsMergeAggregatorFactory.class,
                    FrequentItemsMergeAggregatorFactory.TYPE_NAME),
                new NamedType(
                    FrequentItemsToTopKPostAggregator.class,
                    FrequentItemsToTopKPostAggregator.TYPE_NAME));
    return List.of(SketchSerdes.withSerializer(module, FrequentItemsCodec.INSTANCE));
  }

  @Override
  public void configure(Binder binder) {
    registerSerde();
    SqlBindings.addAggregator(binder, FrequentItemsObjectSqlAggregator.class);
    SqlBindings.addOperatorConversion(binder, FrequentItemsTopKOperatorConversion.class);
    SqlBindings.addOperatorConversion(binder, FrequentItemsTopKOperatorConversion.ItemsOnly.class);
  }

  public static void registerSerde() {
    SketchSerdes.register(FrequentItemsCodec.INSTANCE);
  }
}
