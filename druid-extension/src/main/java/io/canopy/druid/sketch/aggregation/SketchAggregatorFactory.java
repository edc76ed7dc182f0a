package io.canopy.druid.sketch.aggregation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.serde.SketchCodec;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.jackson.DefaultTrueJsonIncludeFilter;
import org.apache.druid.query.aggregation.AggregateCombiner;
import org.apache.druid.query.aggregation.Aggregator;
import org.apache.druid.query.aggregation.AggregatorAndSize;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.query.aggregation.BufferAggregator;
import org.apache.druid.query.aggregation.VectorAggregator;
import org.apache.druid.query.cache.CacheKeyBuilder;
import org.apache.druid.segment.ColumnInspector;
import org.apache.druid.segment.ColumnSelectorFactory;
import org.apache.druid.segment.column.ColumnType;
import org.apache.druid.segment.vector.VectorColumnSelectorFactory;

/**
 * What every Canopy sketch aggregator has in common: its name, the column it reads, whether the
 * result is finalized, and how heap, buffer and vector aggregation, combining, finalization and the
 * cache key follow from a few family-specific pieces.
 *
 * <p>Subclasses are immutable. JSON: {@code name} and {@code fieldName} are required; {@code
 * shouldFinalize} defaults to true and is left out of serialized JSON when true.
 *
 * @param <S> the family's sketch class
 * @param <A> the accumulator the aggregators feed (a sketch being built, or a union)
 */
public abstract class SketchAggregatorFactory<S, A extends SketchAccumulator>
    extends AggregatorFactory {
  private final String name;
  private final String fieldName;
  private final boolean shouldFinalize;

  protected SketchAggregatorFactory(
      @Nullable String name, @Nullable String fieldName, @Nullable Boolean shouldFinalize) {
    if (name == null || name.isEmpty()) {
      throw InvalidInput.exception("A sketch aggregator needs a [name]");
    }
    if (fieldName == null || fieldName.isEmpty()) {
      throw InvalidInput.exception("Sketch aggregator [%s] needs a [fieldName]", name);
    }
    this.name = name;
    this.fieldName = fieldName;
    this.shouldFinalize = shouldFinalize == null || shouldFinalize;
  }

  /** The family's serialization and column type. */
  protected abstract SketchCodec<S> codec();

  /** A fresh accumulator for one group. */
  protected abstract A newAccumulator();

  /** A fresh union of stored sketches, for {@link #combine} and segment merging. */
  protected abstract SketchUnion newUnion();

  /** How this aggregator reads its column: raw values, or stored sketches. */
  protected abstract SketchInput<? super A> input();

  /** True for build aggregators, which read raw values; false for merge aggregators. */
  public final boolean readsRawInput() {
    return input().raw();
  }

  /** The finalized value of a sketch (an estimate, a quantile); {@code sketch} is never null. */
  protected abstract Object finalizeSketch(S sketch);

  /** The type of {@link #finalizeSketch}'s result. */
  protected abstract ColumnType finalizedType();

  /** The family's own first cache-key byte, distinct for build and merge. */
  protected abstract byte cacheTypeId();

  /** Appends the family's parameters to the cache key, after the field name. */
  protected abstract void appendParameters(CacheKeyBuilder key);

  /** The family's parameters, compared by {@link #equals}. */
  protected abstract List<Object> parameters();

  /**
   * The parameters that shape the sketch itself (its size and accuracy), as opposed to how it is
   * finalized; by default all of {@link #parameters()}.
   */
  protected List<Object> sketchParameters() {
    return parameters();
  }

  /**
   * A projection's pre-aggregated column serves this aggregator when it holds sketches of the same
   * family and kind, of the same column, with the same size and accuracy: merging those gives the
   * sketch this aggregator would have built from the base rows. Whether either aggregator finalizes
   * (SQL's sketch functions never do) does not matter, so Druid's default (equal but for the name)
   * would miss every SQL query.
   */
  @Nullable
  @Override
  public AggregatorFactory substituteCombiningFactory(AggregatorFactory preAggregated) {
    if (preAggregated.getClass() != getClass()) {
      return null;
    }
    SketchAggregatorFactory<?, ?> pre = (SketchAggregatorFactory<?, ?>) preAggregated;
    return pre.fieldName.equals(fieldName) && pre.sketchParameters().equals(sketchParameters())
        ? getCombiningFactory()
        : null;
  }

  @Override
  @JsonProperty
  public String getName() {
    return name;
  }

  @JsonProperty
  public String getFieldName() {
    return fieldName;
  }

  @JsonProperty
  @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultTrueJsonIncludeFilter.class)
  public boolean isShouldFinalize() {
    return shouldFinalize;
  }

  @Override
  public Aggregator factorize(ColumnSelectorFactory columns) {
    return heapAggregator(columns);
  }

  /**
   * The heap aggregator with its accumulator's actual starting size, which the incremental index
   * charges for a new row; growth is charged later by {@link SketchAggregator#aggregateWithSize}.
   * Druid's default would charge {@link #getMaxIntermediateSize()}, the sketch's largest size, for
   * every row: for the events schema about 47 KB a row, so real-time ingestion persisted every few
   * thousand rows.
   */
  @Override
  public AggregatorAndSize factorizeWithSize(ColumnSelectorFactory columns) {
    SketchAggregator<A> aggregator = heapAggregator(columns);
    return new AggregatorAndSize(aggregator, aggregator.chargedBytes());
  }

  private SketchAggregator<A> heapAggregator(ColumnSelectorFactory columns) {
    return new SketchAggregator<>(input().row(columns, fieldName), newAccumulator());
  }

  @Override
  public BufferAggregator factorizeBuffered(ColumnSelectorFactory columns) {
    return new SketchBufferAggregator<>(
        input().row(columns, fieldName), new HeapSketchStore<>(this::newAccumulator));
  }

  @Override
  public VectorAggregator factorizeVector(VectorColumnSelectorFactory columns) {
    return new SketchVectorAggregator<>(
        input().vector(columns, fieldName), new HeapSketchStore<>(this::newAccumulator));
  }

  /** Every sketch aggregator vectorizes, unless its input cannot read the column in vectors. */
  @Override
  public boolean canVectorize(ColumnInspector columns) {
    return input().canVectorize(columns, fieldName);
  }

  @Override
  public Comparator<Object> getComparator() {
    Comparator<S> bySketch = Comparator.nullsFirst(codec().comparator());
    return (left, right) -> bySketch.compare(codec().deserialize(left), codec().deserialize(right));
  }

  @Nullable
  @Override
  public Object combine(@Nullable Object left, @Nullable Object right) {
    if (left == null) {
      return right;
    }
    if (right == null) {
      return left;
    }
    SketchUnion union = newUnion();
    union.add(left);
    union.add(right);
    return union.snapshot();
  }

  @Override
  public AggregateCombiner<Object> makeAggregateCombiner() {
    return new SketchAggregateCombiner(this::newUnion, codec().sketchClass());
  }

  @Nullable
  @Override
  public Object deserialize(@Nullable Object object) {
    return codec().deserialize(object);
  }

  @Nullable
  @Override
  public Object finalizeComputation(@Nullable Object object) {
    if (!shouldFinalize || object == null) {
      return object;
    }
    S sketch = codec().deserialize(object);
    return sketch == null ? null : finalizeSketch(sketch);
  }

  @Override
  public List<String> requiredFields() {
    return List.of(fieldName);
  }

  @Override
  public ColumnType getIntermediateType() {
    return codec().columnType();
  }

  @Override
  public ColumnType getResultType() {
    return shouldFinalize ? finalizedType() : getIntermediateType();
  }

  @Override
  public int guessAggregatorHeapFootprint(long rows) {
    return getMaxIntermediateSize();
  }

  @Override
  public byte[] getCacheKey() {
    CacheKeyBuilder key = new CacheKeyBuilder(cacheTypeId()).appendString(fieldName);
    appendParameters(key);
    return key.build();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    SketchAggregatorFactory<?, ?> that = (SketchAggregatorFactory<?, ?>) o;
    return shouldFinalize == that.shouldFinalize
        && name.equals(that.name)
        && fieldName.equals(that.fieldName)
        && parameters().equals(that.parameters());
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), name, fieldName, shouldFinalize, parameters());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "{name='"
        + name
        + "', fieldName='"
        + fieldName
        + "', shouldFinalize="
        + shouldFinalize
        + ", parameters="
        + parameters()
        + '}';
  }
}
