package io.canopy.druid.sketch.cpc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.query.cache.CacheKeyBuilder;
import org.apache.druid.segment.ColumnInspector;
import org.apache.druid.segment.column.ColumnType;

/**
 * {@value #TYPE_NAME}: the union of the CPC sketches of {@code fields} (at least two), as a sketch
 * of {@code lgK} (default {@value CpcSketchAggregatorFactory#DEFAULT_LG_K}; lowered to the smallest
 * input's).
 */
public class CpcSketchUnionPostAggregator implements PostAggregator {
  public static final String TYPE_NAME = "canopyCpcUnion";
  static final byte CACHE_TYPE_ID = (byte) 0xC5;

  private final String name;
  private final List<PostAggregator> fields;
  private final int lgK;

  @JsonCreator
  public CpcSketchUnionPostAggregator(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("fields") @Nullable List<PostAggregator> fields,
      @JsonProperty("lgK") @Nullable Integer lgK) {
    if (name == null || name.isEmpty()) {
      throw InvalidInput.exception("A sketch post-aggregator needs a [name]");
    }
    if (fields == null || fields.size() < 2) {
      throw InvalidInput.exception("Post-aggregator [%s] needs at least two [fields]", name);
    }
    this.name = name;
    this.fields = List.copyOf(fields);
    this.lgK =
        lgK == null
            ? CpcSketchAggregatorFactory.DEFAULT_LG_K
            : CpcSketchAggregatorFactory.checkLgK(name, lgK);
  }

  @Override
  @JsonProperty
  public String getName() {
    return name;
  }

  @JsonProperty
  public List<PostAggregator> getFields() {
    return fields;
  }

  @JsonProperty
  @JsonInclude(
      value = JsonInclude.Include.CUSTOM,
      valueFilter = CpcSketchAggregatorFactory.DefaultLgKFilter.class)
  public int getLgK() {
    return lgK;
  }

  @Override
  public Set<String> getDependentFields() {
    Set<String> dependents = new LinkedHashSet<>();
    fields.forEach(field -> dependents.addAll(field.getDependentFields()));
    return dependents;
  }

  @Override
  public Object compute(Map<String, Object> combinedAggregators) {
    CpcSketchUnion union = new CpcSketchUnion(lgK);
    fields.forEach(field -> union.add(field.compute(combinedAggregators)));
    return union.snapshot();
  }

  @Override
  public ColumnType getType(ColumnInspector signature) {
    return CpcSketchCodec.INSTANCE.columnType();
  }

  @Override
  public Comparator<Object> getComparator() {
    throw new UnsupportedOperationException("Sketches are not comparable");
  }

  @Override
  public PostAggregator decorate(Map<String, AggregatorFactory> aggregators) {
    return this;
  }

  @Override
  public byte[] getCacheKey() {
    return new CacheKeyBuilder(CACHE_TYPE_ID).appendCacheables(fields).appendInt(lgK).build();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    CpcSketchUnionPostAggregator that = (CpcSketchUnionPostAggregator) o;
    return lgK == that.lgK && name.equals(that.name) && fields.equals(that.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, fields, lgK);
  }

  @Override
  public String toString() {
    return "CpcSketchUnionPostAggregator{name='"
        + name
        + "', fields="
        + fields
        + ", lgK="
        + lgK
        + '}';
  }
}
