package io.canopy.druid.sketch.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.druid.sketch.cpc.CpcSketchModule;
import io.canopy.druid.sketch.items.FrequentItemsModule;
import io.canopy.druid.sketch.req.ReqSketchModule;
import java.util.List;
import org.apache.druid.initialization.DruidModule;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.query.aggregation.datasketches.hll.HllSketchModule;
import org.apache.druid.query.aggregation.datasketches.kll.KllSketchModule;
import org.apache.druid.query.aggregation.datasketches.quantiles.DoublesSketchModule;
import org.apache.druid.segment.TestHelper;

/**
 * One aggregator under comparison, Druid's own or Canopy's, as the JSON a user would write: a build
 * aggregator over a raw {@link BenchEvents} field (ingestion, or a query over raw rows) and a merge
 * aggregator over the stored sketch column. Druid's sketches use the parameters the issue names
 * (HLL lgK 12 HLL_4, KLL k 200, classic quantiles k 128); Canopy's use their defaults, as the
 * {@code events} template does.
 */
public enum Contender {
  /** No sketch: the ingestion baseline of a spec with only count and a longSum. */
  NONE(null, null, null, ""),
  HLL("HLLSketchBuild", "HLLSketchMerge", BenchEvents.USER, ",\"lgK\":12,\"tgtHllType\":\"HLL_4\""),
  CPC("canopyCpcBuild", "canopyCpcMerge", BenchEvents.USER, ""),
  FREQUENT_ITEMS(
      "canopyFrequentItemsBuild", "canopyFrequentItemsMerge", BenchEvents.PAGE, ",\"maxMapSize\":256"),
  REQ("canopyReqBuild", "canopyReqMerge", BenchEvents.DURATION, ""),
  KLL("KllDoublesSketch", "KllDoublesSketch", BenchEvents.DURATION, ",\"k\":200"),
  QUANTILES("quantilesDoublesSketch", "quantilesDoublesSketch", BenchEvents.DURATION, ",\"k\":128");

  /** The output (and stored column) name of every contender's aggregator. */
  public static final String COLUMN = "sketch";

  /** Druid's test mapper that knows both extensions' types; segments are written and read with it. */
  static final ObjectMapper MAPPER = mapper();

  private final String buildType;
  private final String mergeType;
  private final String input;
  private final String parameters;

  Contender(String buildType, String mergeType, String input, String parameters) {
    this.buildType = buildType;
    this.mergeType = mergeType;
    this.input = input;
    this.parameters = parameters;
  }

  /** The aggregator that builds a sketch from the raw field; none for {@link #NONE}. */
  public List<AggregatorFactory> build() {
    return buildType == null ? List.of() : List.of(parse(buildType, input));
  }

  /** The aggregator that merges the sketches stored by {@link #build()} under {@link #COLUMN}. */
  public AggregatorFactory merge() {
    if (mergeType == null) {
      throw new IllegalStateException(this + " stores no sketch to merge");
    }
    return parse(mergeType, COLUMN);
  }

  private AggregatorFactory parse(String type, String fieldName) {
    String json =
        "{\"type\":\"%s\",\"name\":\"%s\",\"fieldName\":\"%s\"%s}"
            .formatted(type, COLUMN, fieldName, parameters);
    try {
      return MAPPER.readValue(json, AggregatorFactory.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bad aggregator JSON " + json, e);
    }
  }

  /** Druid's test mapper with both extensions' Jackson modules and complex serdes registered. */
  private static ObjectMapper mapper() {
    HllSketchModule.registerSerde();
    KllSketchModule.registerSerde();
    DoublesSketchModule.registerSerde();
    CpcSketchModule.registerSerde();
    FrequentItemsModule.registerSerde();
    ReqSketchModule.registerSerde();
    ObjectMapper mapper = TestHelper.makeJsonMapper();
    List<DruidModule> modules =
        List.of(
            new HllSketchModule(),
            new KllSketchModule(),
            new DoublesSketchModule(),
            new CpcSketchModule(),
            new FrequentItemsModule(),
            new ReqSketchModule());
    modules.forEach(module -> mapper.registerModules(module.getJacksonModules()));
    return mapper;
  }
}
