package io.canopy.controlplane.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.AbstractList;
import java.util.List;

/**
 * A query's rows with their JSON written once, by the mapper that writes the responses: an answer
 * asked again copies these characters instead of writing every row anew (writing rows was a third
 * of the control plane's CPU per cached request). Immutable.
 */
@JsonSerialize(using = RenderedRows.Writer.class)
final class RenderedRows extends AbstractList<QueryResult.Row> {
  private static final TypeReference<List<QueryResult.Row>> ROWS = new TypeReference<>() {};

  private final List<QueryResult.Row> rows;
  private final boolean truncated;
  private final String json;

  RenderedRows(ResultReader.Rows read, ObjectMapper mapper) {
    this.rows = List.copyOf(read.rows());
    this.truncated = read.truncated();
    try {
      this.json = mapper.writerFor(ROWS).writeValueAsString(this.rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("rows that cannot be written as JSON", e);
    }
  }

  /** Whether the query's {@code limit} cut rows off. */
  boolean truncated() {
    return truncated;
  }

  /** The characters of the JSON, about what it holds in memory. */
  int length() {
    return json.length();
  }

  @Override
  public QueryResult.Row get(int index) {
    return rows.get(index);
  }

  @Override
  public int size() {
    return rows.size();
  }

  /** Writes the JSON as written once. */
  static final class Writer extends StdSerializer<RenderedRows> {
    private static final long serialVersionUID = 1L;

    Writer() {
      super(RenderedRows.class);
    }

    @Override
    public void serialize(RenderedRows value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeRawValue(value.json);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, RenderedRows value) {
      return value.isEmpty();
    }
  }
}
