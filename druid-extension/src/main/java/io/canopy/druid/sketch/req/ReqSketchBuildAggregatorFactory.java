package io.canopy.druid.sketch.req;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.aggregation.RowFeeder;
import io.canopy.druid.sketch.aggregation.SketchInput;
import io.canopy.druid.sketch.aggregation.VectorFeeder;
import io.canopy.druid.sketch.input.DoubleVectorFeeder;
import javax.annotation.Nullable;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.segment.ColumnInspector;
import org.apache.druid.segment.ColumnSelectorFactory;
import org.apache.druid.segment.ColumnValueSelector;
import org.apache.druid.segment.column.ColumnCapabilities;
import org.apache.druid.segment.vector.VectorColumnSelectorFactory;

/**
 * {@value #TYPE_NAME}: builds a REQ sketch of a numeric column (values kept as floats). Nulls and
 * NaN are skipped; at ingestion, numeric strings are parsed as Druid parses them.
 */
public class ReqSketchBuildAggregatorFactory extends ReqSketchAggregatorFactory<ReqSketchBuilder> {
  public static final String TYPE_NAME = "canopyReqBuild";
  static final byte CACHE_TYPE_ID = (byte) 0xC9;

  /** A numeric column; vectorizes over numeric (or missing) columns, strings go row by row. */
  private static final SketchInput<ReqSketchBuilder> NUMBERS =
      new SketchInput<>() {
        @Override
        public RowFeeder<ReqSketchBuilder> row(ColumnSelectorFactory columns, String fieldName) {
          ColumnValueSelector<?> selector = columns.makeColumnValueSelector(fieldName);
          return builder -> {
            if (!selector.isNull()) {
              builder.add(selector.getDouble());
            }
          };
        }

        @Override
        public VectorFeeder<ReqSketchBuilder> vector(
            VectorColumnSelectorFactory columns, String fieldName) {
          return DoubleVectorFeeder.of(columns.makeValueSelector(fieldName), ReqSketchBuilder::add);
        }

        @Override
        public boolean raw() {
          return true;
        }

        @Override
        public boolean canVectorize(ColumnInspector columns, String fieldName) {
          ColumnCapabilities capabilities = columns.getColumnCapabilities(fieldName);
          return capabilities == null || capabilities.isNumeric();
        }
      };

  @JsonCreator
  public ReqSketchBuildAggregatorFactory(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("fieldName") @Nullable String fieldName,
      @JsonProperty("k") @Nullable Integer k,
      @JsonProperty("highRankAccuracy") @Nullable Boolean highRankAccuracy,
      @JsonProperty("shouldFinalize") @Nullable Boolean shouldFinalize) {
    super(name, fieldName, k, highRankAccuracy, shouldFinalize);
  }

  @Override
  protected ReqSketchBuilder newAccumulator() {
    return new ReqSketchBuilder(getK(), isHighRankAccuracy());
  }

  @Override
  protected SketchInput<ReqSketchBuilder> input() {
    return NUMBERS;
  }

  @Override
  protected byte cacheTypeId() {
    return CACHE_TYPE_ID;
  }

  @Override
  public AggregatorFactory withName(String newName) {
    return new ReqSketchBuildAggregatorFactory(
        newName, getFieldName(), getK(), isHighRankAccuracy(), isShouldFinalize());
  }
}
