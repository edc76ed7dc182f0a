package io.canopy.druid.sketch.serde;

import io.canopy.druid.sketch.aggregation.SketchAggregatorFactory;
import javax.annotation.Nullable;
import org.apache.druid.data.input.InputRow;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.segment.data.ObjectStrategy;
import org.apache.druid.segment.serde.ComplexMetricExtractor;
import org.apache.druid.segment.serde.ComplexMetricSerde;

/**
 * The complex column type of one sketch family. At ingestion a build aggregator receives the raw
 * input value and a merge aggregator a sketch (object, bytes or Base64), both under the one type
 * name; the extractor tells them apart by the aggregator it serves.
 */
public final class SketchComplexMetricSerde<S> extends ComplexMetricSerde {
  private final SketchCodec<S> codec;
  private final SketchObjectStrategy<S> strategy;

  public SketchComplexMetricSerde(SketchCodec<S> codec) {
    this.codec = codec;
    this.strategy = new SketchObjectStrategy<>(codec);
  }

  @Override
  public String getTypeName() {
    return codec.typeName();
  }

  @Override
  @SuppressWarnings("deprecation") // still abstract in Druid 33: every complex serde supplies it
  public ObjectStrategy<S> getObjectStrategy() {
    return strategy;
  }

  @Override
  public ComplexMetricExtractor<Object> getExtractor() {
    return new ComplexMetricExtractor<>() {
      @Override
      public Class<?> extractedClass() {
        return codec.sketchClass();
      }

      @Nullable
      @Override
      public Object extractValue(InputRow row, String metricName) {
        return codec.deserialize(row.getRaw(metricName));
      }

      @Nullable
      @Override
      public Object extractValue(InputRow row, String metricName, AggregatorFactory aggregator) {
        boolean raw =
            aggregator instanceof SketchAggregatorFactory
                && ((SketchAggregatorFactory<?, ?>) aggregator).readsRawInput();
        return raw ? row.getRaw(metricName) : extractValue(row, metricName);
      }
    };
  }
}
