package io.canopy.druid.sketch.cpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.aggregation.SketchAccumulator;
import io.canopy.druid.sketch.aggregation.SketchAggregatorFactory;
import io.canopy.druid.sketch.aggregation.SketchUnion;
import io.canopy.druid.sketch.serde.SketchCodec;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.datasketches.cpc.CpcSketch;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.query.cache.CacheKeyBuilder;
import org.apache.druid.segment.column.ColumnType;

/**
 * The CPC aggregators' common parameters. JSON: {@code lgK} (4–26, default {@value #DEFAULT_LG_K}:
 * about 1.5% standard error) and {@code round} (finalize to a whole number, default false); both
 * left out of serialized JSON at their defaults.
 */
public abstract class CpcSketchAggregatorFactory<A extends SketchAccumulator>
    extends SketchAggregatorFactory<CpcSketch, A> {
  /**
   * DataSketches' own default: a 1.53% standard error, below HLL_4's 1.63% at lgK 12, in about 60%
   * of its bytes.
   */
  public static final int DEFAULT_LG_K = 11;

  static final int MIN_LG_K = 4;
  static final int MAX_LG_K = 26;

  private final int lgK;
  private final boolean round;

  protected CpcSketchAggregatorFactory(
      @Nullable String name,
      @Nullable String fieldName,
      @Nullable Integer lgK,
      @Nullable Boolean shouldFinalize,
      @Nullable Boolean round) {
    super(name, fieldName, shouldFinalize);
    this.lgK = lgK == null ? DEFAULT_LG_K : checkLgK(name, lgK);
    this.round = round != null && round;
  }

  static int checkLgK(String name, int lgK) {
    if (lgK < MIN_LG_K || lgK > MAX_LG_K) {
      throw InvalidInput.exception(
          "CPC aggregator [%s]: [lgK] must be from %d to %d, not %d",
          name, MIN_LG_K, MAX_LG_K, lgK);
    }
    return lgK;
  }

  @JsonProperty
  @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultLgKFilter.class)
  public int getLgK() {
    return lgK;
  }

  @JsonProperty
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  public boolean isRound() {
    return round;
  }

  @Override
  protected SketchCodec<CpcSketch> codec() {
    return CpcSketchCodec.INSTANCE;
  }

  @Override
  protected SketchUnion newUnion() {
    return new CpcSketchUnion(lgK);
  }

  @Override
  protected Object finalizeSketch(CpcSketch sketch) {
    double estimate = sketch.getEstimate();
    return round ? (Object) Math.round(estimate) : (Object) estimate;
  }

  @Override
  protected ColumnType finalizedType() {
    return round ? ColumnType.LONG : ColumnType.DOUBLE;
  }

  @Override
  public int getMaxIntermediateSize() {
    return CpcSketch.getMaxSerializedBytes(lgK);
  }

  @Override
  protected void appendParameters(CacheKeyBuilder key) {
    key.appendInt(lgK);
  }

  @Override
  protected List<Object> parameters() {
    return List.of(lgK, round);
  }

  /** Rounding only changes the finalized estimate. */
  @Override
  protected List<Object> sketchParameters() {
    return List.of(lgK);
  }

  @Override
  public CpcSketchMergeAggregatorFactory getCombiningFactory() {
    return new CpcSketchMergeAggregatorFactory(
        getName(), getName(), lgK, isShouldFinalize(), round);
  }

  /** Leaves {@code lgK} out of serialized JSON when it is the default. */
  static final class DefaultLgKFilter {
    @Override
    public boolean equals(Object value) {
      return value instanceof Integer && (Integer) value == DEFAULT_LG_K;
    }

    @Override
    public int hashCode() {
      return DEFAULT_LG_K;
    }
  }
}
