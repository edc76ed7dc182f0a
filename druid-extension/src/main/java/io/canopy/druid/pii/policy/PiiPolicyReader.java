package io.canopy.druid.pii.policy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.druid.data.input.InputEntityReader;
import org.apache.druid.data.input.InputRow;
import org.apache.druid.data.input.InputRowListPlusRawValues;
import org.apache.druid.java.util.common.parsers.CloseableIterator;

/**
 * Reads through another format's reader and masks every row, including the raw values Druid shows
 * in the sampler and in parse-error reports, so raw personal data leaves neither way.
 */
final class PiiPolicyReader implements InputEntityReader {
  private final InputEntityReader reader;
  private final PiiPolicy policy;

  PiiPolicyReader(InputEntityReader reader, PiiPolicy policy) {
    this.reader = reader;
    this.policy = policy;
  }

  @Override
  public CloseableIterator<InputRow> read() throws IOException {
    return reader.read().map(row -> new MaskedInputRow(row, policy));
  }

  @Override
  public CloseableIterator<InputRowListPlusRawValues> sample() throws IOException {
    return reader.sample().map(this::mask);
  }

  private InputRowListPlusRawValues mask(InputRowListPlusRawValues sample) {
    List<Map<String, Object>> raw = new ArrayList<>();
    if (sample.getRawValuesList() != null) {
      sample.getRawValuesList().forEach(values -> raw.add(policy.applyAll(values)));
    }
    List<InputRow> rows = new ArrayList<>();
    if (sample.getInputRows() != null) {
      sample.getInputRows().forEach(row -> rows.add(new MaskedInputRow(row, policy)));
    }
    return InputRowListPlusRawValues.ofList(raw, rows, sample.getParseException());
  }
}
