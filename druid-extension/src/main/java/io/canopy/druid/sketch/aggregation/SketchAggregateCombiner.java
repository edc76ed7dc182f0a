package io.canopy.druid.sketch.aggregation;

import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.apache.druid.query.aggregation.ObjectAggregateCombiner;
import org.apache.druid.segment.ColumnValueSelector;

/** Merges stored sketches while segments are merged (rollup across persisted parts, compaction). */
public final class SketchAggregateCombiner extends ObjectAggregateCombiner<Object> {
  private final Supplier<? extends SketchUnion> unions;
  private final Class<?> sketchClass;
  @Nullable private SketchUnion union;

  public SketchAggregateCombiner(Supplier<? extends SketchUnion> unions, Class<?> sketchClass) {
    this.unions = unions;
    this.sketchClass = sketchClass;
  }

  @Override
  @SuppressWarnings("rawtypes") // AggregateCombiner declares the raw type; an override must match
  public void reset(ColumnValueSelector selector) {
    union = unions.get();
    fold(selector);
  }

  @Override
  @SuppressWarnings("rawtypes") // as reset
  public void fold(ColumnValueSelector selector) {
    union.add(selector.getObject());
  }

  @Nullable
  @Override
  public Object getObject() {
    return union == null ? null : union.snapshot();
  }

  @Override
  public Class<Object> classOfObject() {
    @SuppressWarnings("unchecked")
    Class<Object> type = (Class<Object>) sketchClass;
    return type;
  }
}
