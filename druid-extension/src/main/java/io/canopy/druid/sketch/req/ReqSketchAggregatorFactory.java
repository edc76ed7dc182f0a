package io.canopy.druid.sketch.req;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.aggregation.SketchAccumulator;
import io.canopy.druid.sketch.aggregation.SketchAggregatorFactory;
import io.canopy.druid.sketch.aggregation.SketchUnion;
import io.canopy.druid.sketch.serde.SketchCodec;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.datasketches.req.ReqSketch;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.jackson.DefaultTrueJsonIncludeFilter;
import org.apache.druid.query.cache.CacheKeyBuilder;
import org.apache.druid.segment.column.ColumnType;

/**
 * The REQ aggregators' common parameters: {@code k}, an even number from 4 to 1024 (default {@value
 * #DEFAULT_K}; larger is more accurate and bigger), and {@code highRankAccuracy} (default true:
 * most accurate near rank 1, where p99 and p99.9 live). Finalized, a sketch becomes its count of
 * values, as Druid's quantile sketches do.
 */
public abstract class ReqSketchAggregatorFactory<A extends SketchAccumulator>
    extends SketchAggregatorFactory<ReqSketch, A> {
  public static final int DEFAULT_K = 12;
  static final int MAX_K = 1024;

  /**
   * Bytes per unit of k that a REQ sketch needs for up to 10^12 values: measured 13.9 KB at k=12
   * and 52 KB at k=50 for 10^8 values, growing by about 240 bytes × k per tenfold.
   */
  static final int BYTES_PER_K = 2400;

  private final int k;
  private final boolean highRankAccuracy;

  protected ReqSketchAggregatorFactory(
      @Nullable String name,
      @Nullable String fieldName,
      @Nullable Integer k,
      @Nullable Boolean highRankAccuracy,
      @Nullable Boolean shouldFinalize) {
    super(name, fieldName, shouldFinalize);
    this.k = k == null ? DEFAULT_K : checkK(name, k);
    this.highRankAccuracy = highRankAccuracy == null || highRankAccuracy;
  }

  static int checkK(String name, int k) {
    if (k < 4 || k > MAX_K || k % 2 != 0) {
      throw InvalidInput.exception(
          "REQ aggregator [%s]: [k] must be an even number from 4 to %d, not %d", name, MAX_K, k);
    }
    return k;
  }

  @JsonProperty
  @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultKFilter.class)
  public int getK() {
    return k;
  }

  @JsonProperty
  @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultTrueJsonIncludeFilter.class)
  public boolean isHighRankAccuracy() {
    return highRankAccuracy;
  }

  @Override
  protected SketchCodec<ReqSketch> codec() {
    return ReqSketchCodec.INSTANCE;
  }

  @Override
  protected SketchUnion newUnion() {
    return new ReqSketchUnion(k, highRankAccuracy);
  }

  @Override
  protected Object finalizeSketch(ReqSketch sketch) {
    return sketch.getN();
  }

  @Override
  protected ColumnType finalizedType() {
    return ColumnType.LONG;
  }

  @Override
  public int getMaxIntermediateSize() {
    return 64 + k * BYTES_PER_K;
  }

  @Override
  protected void appendParameters(CacheKeyBuilder key) {
    key.appendInt(k).appendBoolean(highRankAccuracy);
  }

  @Override
  protected List<Object> parameters() {
    return List.of(k, highRankAccuracy);
  }

  @Override
  public ReqSketchMergeAggregatorFactory getCombiningFactory() {
    return new ReqSketchMergeAggregatorFactory(
        getName(), getName(), k, highRankAccuracy, isShouldFinalize());
  }

  /** Leaves {@code k} out of serialized JSON when it is the default. */
  static final class DefaultKFilter {
    @Override
    public boolean equals(Object value) {
      return value instanceof Integer && (Integer) value == DEFAULT_K;
    }

    @Override
    public int hashCode() {
      return DEFAULT_K;
    }
  }
}
