package io.canopy.druid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.druid.pii.PiiModule;
import io.canopy.druid.pii.keys.PiiKeyRing;
import io.canopy.druid.pii.policy.PiiPolicyInputFormat;
import io.canopy.druid.sketch.SketchFixture;
import io.canopy.druid.sketch.cpc.CpcSketchMergeAggregatorFactory;
import io.canopy.druid.sketch.items.FrequentItemsMergeAggregatorFactory;
import io.canopy.druid.sketch.req.ReqSketchMergeAggregatorFactory;
import io.canopy.specs.EventsSpecs;
import io.canopy.specs.RetentionPreset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.druid.data.input.impl.AggregateProjectionSpec;
import org.apache.druid.data.input.impl.DimensionSchema;
import org.apache.druid.data.input.impl.JsonInputFormat;
import org.apache.druid.indexing.kafka.KafkaIndexTaskClientFactory;
import org.apache.druid.indexing.kafka.KafkaIndexTaskModule;
import org.apache.druid.indexing.kafka.supervisor.KafkaSupervisorSpec;
import org.apache.druid.indexing.overlord.IndexerMetadataStorageCoordinator;
import org.apache.druid.indexing.overlord.TaskMaster;
import org.apache.druid.indexing.overlord.TaskStorage;
import org.apache.druid.indexing.overlord.supervisor.SupervisorSpec;
import org.apache.druid.indexing.overlord.supervisor.SupervisorStateManagerConfig;
import org.apache.druid.jackson.DefaultObjectMapper;
import org.apache.druid.java.util.common.granularity.Granularities;
import org.apache.druid.java.util.emitter.service.ServiceEmitter;
import org.apache.druid.java.util.metrics.DruidMonitorSchedulerConfig;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.query.aggregation.datasketches.hll.HllSketchModule;
import org.apache.druid.query.aggregation.datasketches.quantiles.DoublesSketchModule;
import org.apache.druid.query.expression.TimestampFloorExprMacro;
import org.apache.druid.segment.data.CompressionStrategy;
import org.apache.druid.segment.incremental.RowIngestionMetersFactory;
import org.apache.druid.server.coordinator.DataSourceCompactionConfig;
import org.apache.druid.server.coordinator.rules.ForeverDropRule;
import org.apache.druid.server.coordinator.rules.PeriodLoadRule;
import org.apache.druid.server.coordinator.rules.Rule;
import org.joda.time.Period;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deserializes every rendered template of {@code ingestion-specs/events} with Druid's own Jackson
 * model, so a misspelt type fails the build instead of the Overlord. Druid's mapper ignores unknown
 * properties, so each test also checks that every field of the template survives a round trip: a
 * misspelt property name would be dropped silently by Druid and is caught here.
 */
class EventsSpecTemplatesTest {
  private static final EventsSpecs SPECS =
      EventsSpecs.render("events", "canopy-events", "127.0.0.1:9092", "events-v1");
  private static ObjectMapper mapper;

  @BeforeAll
  static void druidMapper() {
    mapper = new DefaultObjectMapper();
    new KafkaIndexTaskModule().getJacksonModules().forEach(mapper::registerModule);
    new HllSketchModule().getJacksonModules().forEach(mapper::registerModule);
    new DoublesSketchModule().getJacksonModules().forEach(mapper::registerModule);
    new PiiModule().getJacksonModules().forEach(mapper::registerModule);
    SketchFixture.jacksonModules().forEach(mapper::registerModule);
    mapper.setInjectableValues(
        new InjectableValues.Std()
            .addValue(ObjectMapper.class, mapper)
            .addValue(PiiKeyRing.class, new PiiKeyRing(Map.of("events-v1", "s".repeat(32))))
            .addValue(
                ExprMacroTable.class, new ExprMacroTable(List.of(new TimestampFloorExprMacro())))
            .addValue(TaskStorage.class, null)
            .addValue(TaskMaster.class, null)
            .addValue(IndexerMetadataStorageCoordinator.class, null)
            .addValue(KafkaIndexTaskClientFactory.class, null)
            .addValue(ServiceEmitter.class, null)
            .addValue(DruidMonitorSchedulerConfig.class, new DruidMonitorSchedulerConfig())
            .addValue(RowIngestionMetersFactory.class, null)
            .addValue(SupervisorStateManagerConfig.class, new SupervisorStateManagerConfig()));
  }

  @Test
  void supervisorIsAKafkaSupervisorWithMinuteRollup() throws Exception {
    SupervisorSpec spec = mapper.readValue(SPECS.supervisor(), SupervisorSpec.class);

    assertThat(spec).isInstanceOf(KafkaSupervisorSpec.class);
    KafkaSupervisorSpec kafka = (KafkaSupervisorSpec) spec;
    assertThat(kafka.getId()).isEqualTo("events");
    assertThat(kafka.getSpec().getIOConfig().getTopic()).isEqualTo("canopy-events");
    assertThat(kafka.getSpec().getIOConfig().getInputFormat())
        .isInstanceOf(PiiPolicyInputFormat.class);
    PiiPolicyInputFormat policy =
        (PiiPolicyInputFormat) kafka.getSpec().getIOConfig().getInputFormat();
    assertThat(policy.getInputFormat()).isInstanceOf(JsonInputFormat.class);
    assertThat(policy.getFields())
        .containsEntry("user_id", "pseudonymize(events-v1)")
        .containsEntry("ip", "truncate_ip")
        .containsEntry("email", "drop");
    assertThat(policy.getDefaultAction()).isEqualTo("redact");
    var schema = kafka.getSpec().getDataSchema();
    assertThat(schema.getGranularitySpec().getQueryGranularity()).isEqualTo(Granularities.MINUTE);
    assertThat(schema.getGranularitySpec().getSegmentGranularity()).isEqualTo(Granularities.HOUR);
    assertThat(schema.getGranularitySpec().isRollup()).isTrue();
    assertThat(schema.getDimensionsSpec().getDimensionNames())
        .containsExactly(
            "tenant", "event", "country", "device", "campaign", "page", "referrer", "ip");
    assertThat(schema.getAggregators())
        .extracting(AggregatorFactory::getName)
        .containsExactly(
            "count",
            "page_views",
            "clicks",
            "purchases",
            "revenue",
            "users_hll",
            "duration_ms_sketch",
            "users_cpc",
            "pages_fi",
            "duration_ms_req",
            "duration_ms_sum",
            "duration_ms_count");
    assertThat(schema.getAggregators())
        .extracting(a -> a.getClass().getSimpleName())
        .containsExactly(
            "CountAggregatorFactory",
            "FilteredAggregatorFactory",
            "FilteredAggregatorFactory",
            "FilteredAggregatorFactory",
            "DoubleSumAggregatorFactory",
            "HllSketchBuildAggregatorFactory",
            "DoublesSketchAggregatorFactory",
            "CpcSketchBuildAggregatorFactory",
            "FrequentItemsBuildAggregatorFactory",
            "ReqSketchBuildAggregatorFactory",
            "DoubleSumAggregatorFactory",
            "FilteredAggregatorFactory");
    // Handoff at volume: intermediate persists stay uncompressed (a merge then needs no 64 KiB
    // decompression buffer per column per persist) and are merged in bounded phases.
    var tuning = kafka.getSpec().getTuningConfig();
    assertThat(tuning.getMaxColumnsToMerge()).isEqualTo(2000);
    assertThat(tuning.getIndexSpecForIntermediatePersists().getDimensionCompression())
        .isEqualTo(CompressionStrategy.UNCOMPRESSED);
    assertThat(tuning.getIndexSpecForIntermediatePersists().getMetricCompression())
        .isEqualTo(CompressionStrategy.NONE);

    JsonNode written = mapper.readTree(mapper.writeValueAsString(kafka)).get("spec");
    assertEveryFieldSurvives(mapper.readTree(SPECS.supervisor()).get("spec"), written, "spec");
  }

  /**
   * Every projection aggregator of a base metric must be that metric's combining aggregator: the
   * Kafka task checks it only when it starts, and a mismatch fails every task while the supervisor
   * stays RUNNING. And the aggregators Druid SQL plans for Canopy's sketch functions (merge, not
   * finalized, at the column's size) must be ones the projection's columns serve.
   */
  @Test
  void projectionPreAggregatesEveryMetricTheQueryApiReads() throws Exception {
    KafkaSupervisorSpec kafka =
        (KafkaSupervisorSpec) mapper.readValue(SPECS.supervisor(), SupervisorSpec.class);
    var schema = kafka.getSpec().getDataSchema();
    assertThat(schema.getProjections()).hasSize(1);
    AggregateProjectionSpec projection = schema.getProjections().get(0);
    assertThat(projection.getGroupingColumns())
        .extracting(DimensionSchema::getName)
        .containsExactly("__gran", "tenant");
    Map<String, AggregatorFactory> base = new HashMap<>();
    for (AggregatorFactory metric : schema.getAggregators()) {
      base.put(metric.getName(), metric);
    }
    Map<String, AggregatorFactory> pre = new HashMap<>();
    for (AggregatorFactory aggregator : projection.getAggregators()) {
      assertThat(aggregator)
          .as(aggregator.getName())
          .isEqualTo(base.get(aggregator.getName()).getCombiningFactory());
      pre.put(aggregator.getName(), aggregator);
    }
    assertThat(pre.keySet())
        .containsAll(List.of("count", "page_views", "clicks", "purchases", "revenue", "users_cpc"))
        .containsAll(
            List.of("pages_fi", "duration_ms_req", "duration_ms_sum", "duration_ms_count"));

    assertThat(
            new CpcSketchMergeAggregatorFactory("a0", "users_cpc", null, false, null)
                .substituteCombiningFactory(pre.get("users_cpc")))
        .isEqualTo(new CpcSketchMergeAggregatorFactory("a0", "a0", null, false, null));
    assertThat(
            new ReqSketchMergeAggregatorFactory("a1", "duration_ms_req", null, null, false)
                .substituteCombiningFactory(pre.get("duration_ms_req")))
        .isNotNull();
    assertThat(
            new FrequentItemsMergeAggregatorFactory("a2", "pages_fi", 256, false)
                .substituteCombiningFactory(pre.get("pages_fi")))
        .isNotNull();
    // Other sizes, columns or families are not the same sketch: the base rows answer those.
    assertThat(
            new FrequentItemsMergeAggregatorFactory("a2", "pages_fi", 1024, false)
                .substituteCombiningFactory(pre.get("pages_fi")))
        .isNull();
    assertThat(
            new CpcSketchMergeAggregatorFactory("a0", "users_cpc", 14, false, null)
                .substituteCombiningFactory(pre.get("users_cpc")))
        .isNull();
    assertThat(
            new CpcSketchMergeAggregatorFactory("a0", "pages_fi", null, false, null)
                .substituteCombiningFactory(pre.get("pages_fi")))
        .isNull();
  }

  @Test
  void loadRulesKeepSevenDaysHotNinetyDaysWarmAYearColdAndDropTheRest() throws Exception {
    List<Rule> rules = mapper.readValue(SPECS.loadRules(), new TypeReference<List<Rule>>() {});

    assertThat(rules).hasSize(4);
    PeriodLoadRule hot = (PeriodLoadRule) rules.get(0);
    assertThat(hot.getPeriod()).isEqualTo(Period.days(7));
    assertThat(hot.getTieredReplicants()).isEqualTo(Map.of("hot", 1, "_default_tier", 1));
    PeriodLoadRule warm = (PeriodLoadRule) rules.get(1);
    assertThat(warm.getPeriod()).isEqualTo(Period.days(90));
    assertThat(warm.getTieredReplicants()).isEqualTo(Map.of("_default_tier", 1));
    PeriodLoadRule cold = (PeriodLoadRule) rules.get(2);
    assertThat(cold.getPeriod()).isEqualTo(Period.days(365));
    assertThat(rules.get(3)).isInstanceOf(ForeverDropRule.class);
  }

  /**
   * Druid reads the cold rule as zero replicas on every tier: its segments stay used (a thaw or a
   * compaction can reach them) but no historical loads them.
   */
  @ParameterizedTest
  @EnumSource(RetentionPreset.class)
  void everyRetentionPresetIsHotThenDefaultTierThenColdThenDropped(RetentionPreset preset)
      throws Exception {
    List<Rule> rules = mapper.readValue(preset.loadRules(), new TypeReference<List<Rule>>() {});

    assertThat(rules).hasSize(4);
    PeriodLoadRule hot = (PeriodLoadRule) rules.get(0);
    PeriodLoadRule warm = (PeriodLoadRule) rules.get(1);
    PeriodLoadRule cold = (PeriodLoadRule) rules.get(2);
    assertThat(hot.getTieredReplicants()).isEqualTo(Map.of("hot", 1, "_default_tier", 1));
    assertThat(warm.getTieredReplicants()).isEqualTo(Map.of("_default_tier", 1));
    assertThat(cold.getTieredReplicants()).isEmpty();
    assertThat(warm.getPeriod().toStandardDays().getDays())
        .isGreaterThan(hot.getPeriod().toStandardDays().getDays())
        .isEqualTo(preset.loaded().getDays());
    assertThat(cold.getPeriod().toStandardDays().getDays())
        .isEqualTo(preset.deepStorage().getDays());
    assertThat(rules.get(3)).isInstanceOf(ForeverDropRule.class);
  }

  @Test
  void compactionReRollsDataOlderThanSevenDaysToHour() throws Exception {
    DataSourceCompactionConfig config =
        mapper.readValue(SPECS.compaction(), DataSourceCompactionConfig.class);

    assertThat(config.getDataSource()).isEqualTo("events");
    assertThat(config.getSkipOffsetFromLatest()).isEqualTo(Period.days(7));
    assertThat(config.getGranularitySpec().getQueryGranularity()).isEqualTo(Granularities.HOUR);
    assertThat(config.getGranularitySpec().getSegmentGranularity()).isEqualTo(Granularities.DAY);
    // Compacted segments keep the projection the supervisor writes.
    KafkaSupervisorSpec kafka =
        (KafkaSupervisorSpec) mapper.readValue(SPECS.supervisor(), SupervisorSpec.class);
    assertThat(config.getProjections())
        .isEqualTo(kafka.getSpec().getDataSchema().getProjections())
        .isNotEmpty();
    assertEveryFieldSurvives(
        mapper.readTree(SPECS.compaction()),
        mapper.readTree(mapper.writeValueAsString(config)),
        "compaction");
  }

  private static void assertEveryFieldSurvives(JsonNode template, JsonNode written, String path) {
    if (template.isObject()) {
      for (Iterator<String> names = template.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        assertThat(written.has(name))
            .as("Druid dropped %s.%s (misspelt property?)", path, name)
            .isTrue();
        assertEveryFieldSurvives(template.get(name), written.get(name), path + "." + name);
      }
    } else if (template.isArray() && written.isArray() && template.size() == written.size()) {
      for (int i = 0; i < template.size(); i++) {
        assertEveryFieldSurvives(template.get(i), written.get(i), path + "[" + i + "]");
      }
    }
  }
}
