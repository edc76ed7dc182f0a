package io.canopy.druid.pii.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.druid.data.input.InputRow;
import org.apache.druid.data.input.Row;
import org.apache.druid.data.input.Rows;
import org.joda.time.DateTime;

/**
 * An input row seen through a PII policy: every value read from it (as a dimension, a metric input,
 * or by a transform) has been masked. The timestamp was parsed by the wrapped reader and is passed
 * through. Masked values are memoized because ingestion reads a column more than once (a dimension
 * and a metric input may share it). Not thread-safe, like every input row.
 */
final class MaskedInputRow implements InputRow {
  private static final Object NULL = new Object();

  private final InputRow row;
  private final PiiPolicy policy;
  private final Map<String, Object> masked = new HashMap<>();

  MaskedInputRow(InputRow row, PiiPolicy policy) {
    this.row = row;
    this.policy = policy;
  }

  @Override
  public List<String> getDimensions() {
    return row.getDimensions();
  }

  @Override
  public long getTimestampFromEpoch() {
    return row.getTimestampFromEpoch();
  }

  @Override
  public DateTime getTimestamp() {
    return row.getTimestamp();
  }

  @Override
  public Object getRaw(String column) {
    Object value = masked.computeIfAbsent(column, c -> orNull(policy.apply(c, row.getRaw(c))));
    return value == NULL ? null : value;
  }

  @Override
  public List<String> getDimension(String column) {
    return Rows.objectToStrings(getRaw(column));
  }

  @Override
  public Number getMetric(String column) {
    return Rows.objectToNumber(column, getRaw(column), true);
  }

  @Override
  public int compareTo(Row o) {
    return Long.compare(getTimestampFromEpoch(), o.getTimestampFromEpoch());
  }

  /** Never prints raw values. */
  @Override
  public String toString() {
    return "MaskedInputRow{timestamp=" + getTimestamp() + ", dimensions=" + getDimensions() + "}";
  }

  private static Object orNull(Object value) {
    return value == null ? NULL : value;
  }
}
