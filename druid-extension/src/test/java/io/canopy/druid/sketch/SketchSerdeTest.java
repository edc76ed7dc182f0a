package io.canopy.druid.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.druid.sketch.cpc.CpcSketchBuildAggregatorFactory;
import io.canopy.druid.sketch.cpc.CpcSketchMergeAggregatorFactory;
import io.canopy.druid.sketch.cpc.CpcSketchToEstimatePostAggregator;
import io.canopy.druid.sketch.cpc.CpcSketchToEstimateWithBoundsPostAggregator;
import io.canopy.druid.sketch.cpc.CpcSketchUnionPostAggregator;
import io.canopy.druid.sketch.items.FrequentItemsBuildAggregatorFactory;
import io.canopy.druid.sketch.items.FrequentItemsMergeAggregatorFactory;
import io.canopy.druid.sketch.items.FrequentItemsToTopKPostAggregator;
import io.canopy.druid.sketch.req.ReqSketchBuildAggregatorFactory;
import io.canopy.druid.sketch.req.ReqSketchMergeAggregatorFactory;
import io.canopy.druid.sketch.req.ReqSketchToCDFPostAggregator;
import io.canopy.druid.sketch.req.ReqSketchToHistogramPostAggregator;
import io.canopy.druid.sketch.req.ReqSketchToQuantilePostAggregator;
import io.canopy.druid.sketch.req.ReqSketchToQuantilesPostAggregator;
import io.canopy.druid.sketch.req.ReqSketchToRankPostAggregator;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import org.apache.druid.error.DruidException;
import org.apache.druid.jackson.DefaultObjectMapper;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.query.aggregation.AggregatorUtil;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.query.aggregation.post.FieldAccessPostAggregator;
import org.apache.druid.query.aggregation.post.PostAggregatorIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reflections.Reflections;

/**
 * JSON round trips, equality, cache keys and argument errors of every sketch aggregator and
 * post-aggregator.
 */
class SketchSerdeTest {
  private static final ObjectMapper MAPPER = mapper();
  private static final PostAggregator FIELD = new FieldAccessPostAggregator(null, "s");

  private static ObjectMapper mapper() {
    ObjectMapper mapper = new DefaultObjectMapper();
    SketchFixture.jacksonModules().forEach(mapper::registerModule);
    return mapper;
  }

  static Stream<AggregatorFactory> aggregators() {
    return Stream.of(
        new CpcSketchBuildAggregatorFactory("a", "user", null, null, null),
        new CpcSketchBuildAggregatorFactory("a", "user", 14, false, true),
        new CpcSketchMergeAggregatorFactory("a", "users", 10, null, null),
        new FrequentItemsBuildAggregatorFactory("a", "page", null, null, null),
        new FrequentItemsBuildAggregatorFactory("a", "page", "views", 64, false),
        new FrequentItemsMergeAggregatorFactory("a", "pages", 2048, null),
        new ReqSketchBuildAggregatorFactory("a", "latency", null, null, null),
        new ReqSketchBuildAggregatorFactory("a", "latency", 20, false, false),
        new ReqSketchMergeAggregatorFactory("a", "latency_req", 30, null, null));
  }

  static Stream<PostAggregator> postAggregators() {
    return Stream.of(
        new CpcSketchToEstimatePostAggregator("p", FIELD, true),
        new CpcSketchToEstimateWithBoundsPostAggregator("p", FIELD, 2),
        new CpcSketchUnionPostAggregator("p", List.of(FIELD, FIELD), 11),
        new FrequentItemsToTopKPostAggregator("p", FIELD, 5, "no_false_negatives", true),
        new ReqSketchToQuantilePostAggregator("p", FIELD, 0.99),
        new ReqSketchToQuantilesPostAggregator("p", FIELD, new double[] {0.5, 0.999}),
        new ReqSketchToRankPostAggregator("p", FIELD, 250),
        new ReqSketchToCDFPostAggregator("p", FIELD, new double[] {10, 100}),
        new ReqSketchToHistogramPostAggregator("p", FIELD, new double[] {10, 100}));
  }

  @ParameterizedTest
  @MethodSource("aggregators")
  void aggregatorsRoundTripThroughJson(AggregatorFactory factory) throws Exception {
    String json = MAPPER.writeValueAsString(factory);
    assertThat(MAPPER.readValue(json, AggregatorFactory.class)).isEqualTo(factory);
    assertThat(factory.getCombiningFactory().getName()).isEqualTo("a");
    assertThat(factory.withName("b").getName()).isEqualTo("b");
  }

  @ParameterizedTest
  @MethodSource("postAggregators")
  void postAggregatorsRoundTripThroughJson(PostAggregator postAggregator) throws Exception {
    String json = MAPPER.writeValueAsString(postAggregator);
    assertThat(MAPPER.readValue(json, PostAggregator.class)).isEqualTo(postAggregator);
  }

  @Test
  void defaultsAreLeftOutOfSerializedJson() throws Exception {
    assertThat(
            MAPPER.writeValueAsString(
                new CpcSketchBuildAggregatorFactory("a", "user", null, null, null)))
        .isEqualTo("{\"type\":\"canopyCpcBuild\",\"name\":\"a\",\"fieldName\":\"user\"}");
    assertThat(
            MAPPER.writeValueAsString(
                new ReqSketchBuildAggregatorFactory("a", "latency", null, null, null)))
        .isEqualTo("{\"type\":\"canopyReqBuild\",\"name\":\"a\",\"fieldName\":\"latency\"}");
    assertThat(
            MAPPER.writeValueAsString(
                new FrequentItemsBuildAggregatorFactory("a", "page", null, null, null)))
        .isEqualTo("{\"type\":\"canopyFrequentItemsBuild\",\"name\":\"a\",\"fieldName\":\"page\"}");
  }

  /** Every aggregator factory and post-aggregator the extension defines, found on the classpath. */
  private static List<Class<?>> queryComponents() {
    Reflections reflections = new Reflections("io.canopy.druid");
    return Stream.concat(
            reflections.getSubTypesOf(AggregatorFactory.class).stream(),
            reflections.getSubTypesOf(PostAggregator.class).stream())
        .filter(type -> !Modifier.isAbstract(type.getModifiers()))
        .sorted(Comparator.comparing(Class::getName))
        .<Class<?>>map(type -> type)
        .toList();
  }

  private static boolean hasField(Class<?> type, String name) {
    for (Class<?> t = type; t != null; t = t.getSuperclass()) {
      if (Stream.of(t.getDeclaredFields()).anyMatch(f -> f.getName().equals(name))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void equalsAndHashCodeCoverEveryFieldOfEveryAggregatorAndPostAggregator() {
    List<Class<?>> types = queryComponents();
    assertThat(types)
        .contains(
            CpcSketchUnionPostAggregator.class,
            ReqSketchToCDFPostAggregator.class,
            ReqSketchToHistogramPostAggregator.class,
            ReqSketchToQuantilesPostAggregator.class)
        .hasSizeGreaterThanOrEqualTo(15); // 6 aggregator factories, 9 post-aggregators today
    for (Class<?> type : types) {
      EqualsVerifier.forClass(type)
          .usingGetClass()
          // REQ's distributions keep their split points also as floats, derived in the constructor.
          .withIgnoredFields(hasField(type, "points") ? new String[] {"points"} : new String[0])
          .withPrefabValues(PostAggregator.class, FIELD, new FieldAccessPostAggregator(null, "t"))
          .suppress(Warning.NULL_FIELDS)
          .withIgnoredAnnotations(javax.annotation.Nullable.class)
          .verify();
    }
  }

  @Test
  void cacheKeysDifferByTypeAndParameters() {
    List<String> keys =
        Stream.concat(
                aggregators().map(AggregatorFactory::getCacheKey),
                postAggregators().map(PostAggregator::getCacheKey))
            .map(java.util.Base64.getEncoder()::encodeToString)
            .toList();
    assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
    assertThat(new CpcSketchBuildAggregatorFactory("x", "user", 12, null, null).getCacheKey())
        .isNotEqualTo(
            new CpcSketchMergeAggregatorFactory("x", "user", 12, null, null).getCacheKey());
  }

  @Test
  void cacheTypeIdsDoNotCollideWithDruids() throws Exception {
    Set<Byte> druids = new HashSet<>();
    for (Class<?> holder : List.of(AggregatorUtil.class, PostAggregatorIds.class)) {
      for (Field field : holder.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == byte.class) {
          field.setAccessible(true);
          druids.add(field.getByte(null));
        }
      }
    }
    assertThat(druids).hasSizeGreaterThan(50);
    Stream.concat(
            aggregators().map(AggregatorFactory::getCacheKey),
            postAggregators().map(PostAggregator::getCacheKey))
        .forEach(key -> assertThat(druids).doesNotContain(key[0]));
  }

  @Test
  void badParametersAreRefusedWithTheirName() {
    assertThatThrownBy(() -> new CpcSketchBuildAggregatorFactory("a", "user", 30, null, null))
        .isInstanceOf(DruidException.class)
        .hasMessageContaining("[lgK] must be from 4 to 26, not 30");
    assertThatThrownBy(() -> new FrequentItemsMergeAggregatorFactory("a", "p", 100, null))
        .hasMessageContaining("[maxMapSize] must be a power of two");
    assertThatThrownBy(() -> new ReqSketchBuildAggregatorFactory("a", "l", 7, null, null))
        .hasMessageContaining("[k] must be an even number");
    assertThatThrownBy(() -> new CpcSketchBuildAggregatorFactory("a", null, null, null, null))
        .hasMessageContaining("needs a [fieldName]");
    assertThatThrownBy(() -> new ReqSketchToQuantilePostAggregator("p", FIELD, 1.5))
        .hasMessageContaining("a fraction must be from 0 to 1");
    assertThatThrownBy(() -> new ReqSketchToCDFPostAggregator("p", FIELD, new double[] {5, 1}))
        .hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> new FrequentItemsToTopKPostAggregator("p", FIELD, 0, null, null))
        .hasMessageContaining("[k] must be from 1");
    assertThatThrownBy(() -> new FrequentItemsToTopKPostAggregator("p", FIELD, 3, "SOME", null))
        .hasMessageContaining("NO_FALSE_POSITIVES or NO_FALSE_NEGATIVES");
    assertThatThrownBy(() -> new CpcSketchToEstimateWithBoundsPostAggregator("p", FIELD, 4))
        .hasMessageContaining("[numStdDevs] must be 1, 2 or 3");
  }
}
