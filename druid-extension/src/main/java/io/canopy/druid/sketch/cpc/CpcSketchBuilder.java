package io.canopy.druid.sketch.cpc;

import io.canopy.druid.sketch.aggregation.SketchAccumulator;
import io.canopy.druid.sketch.input.ItemSink;
import org.apache.datasketches.cpc.CpcSketch;

/** One group's CPC sketch under construction from raw values. Not thread-safe. */
final class CpcSketchBuilder implements ItemSink, SketchAccumulator {
  private final CpcSketch sketch;

  CpcSketchBuilder(int lgK) {
    this.sketch = new CpcSketch(lgK);
  }

  @Override
  public void addString(String value) {
    sketch.update(value);
  }

  @Override
  public void addLong(long value) {
    sketch.update(value);
  }

  @Override
  public void addDouble(double value) {
    sketch.update(value);
  }

  @Override
  public CpcSketch snapshot() {
    return CpcSketchCodec.copy(sketch);
  }
}
