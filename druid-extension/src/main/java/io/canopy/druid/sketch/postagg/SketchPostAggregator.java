package io.canopy.druid.sketch.postagg;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.serde.SketchCodec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.query.cache.CacheKeyBuilder;

/**
 * A post-aggregator that reads one sketch (from {@code field}, usually a {@code fieldAccess} of a
 * sketch aggregator) and computes a value from it. Subclasses add their parameters and the
 * computation; immutable.
 */
public abstract class SketchPostAggregator<S> implements PostAggregator {
  private final String name;
  private final PostAggregator field;

  protected SketchPostAggregator(@Nullable String name, @Nullable PostAggregator field) {
    if (name == null || name.isEmpty()) {
      throw InvalidInput.exception("A sketch post-aggregator needs a [name]");
    }
    if (field == null) {
      throw InvalidInput.exception(
          "Post-aggregator [%s] needs a [field] that yields a sketch", name);
    }
    this.name = name;
    this.field = field;
  }

  protected abstract SketchCodec<S> codec();

  /** The result for a sketch; {@code sketch} is null when the field had no sketch (no rows). */
  @Nullable
  protected abstract Object compute(@Nullable S sketch);

  protected abstract byte cacheTypeId();

  protected abstract void appendParameters(CacheKeyBuilder key);

  protected abstract List<Object> parameters();

  @Override
  @JsonProperty
  public String getName() {
    return name;
  }

  @JsonProperty
  public PostAggregator getField() {
    return field;
  }

  @Override
  public Set<String> getDependentFields() {
    return field.getDependentFields();
  }

  @Nullable
  @Override
  public Object compute(Map<String, Object> combinedAggregators) {
    return compute(codec().deserialize(field.compute(combinedAggregators)));
  }

  @Override
  public PostAggregator decorate(Map<String, AggregatorFactory> aggregators) {
    return this;
  }

  @Override
  public byte[] getCacheKey() {
    CacheKeyBuilder key = new CacheKeyBuilder(cacheTypeId()).appendCacheable(field);
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
    SketchPostAggregator<?> that = (SketchPostAggregator<?>) o;
    return name.equals(that.name)
        && field.equals(that.field)
        && parameters().equals(that.parameters());
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), name, field, parameters());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "{name='"
        + name
        + "', field="
        + field
        + ", parameters="
        + parameters()
        + '}';
  }
}
