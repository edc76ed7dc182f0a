package io.canopy.druid.pii.policy;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.pii.keys.PiiKeyRing;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.druid.data.input.InputEntity;
import org.apache.druid.data.input.InputEntityReader;
import org.apache.druid.data.input.InputFormat;
import org.apache.druid.data.input.InputRowSchema;

/**
 * {@code canopyPiiPolicy}: wraps any input format and masks personal data as rows are read, before
 * transforms, filters and indexing see them.
 *
 * <pre>{"type": "canopyPiiPolicy",
 *  "inputFormat": {"type": "json"},
 *  "fields": {"user_id": "pseudonymize(k2026)", "ip": "truncate_ip", "email": "drop"},
 *  "defaultAction": "redact"}</pre>
 *
 * <p>Why an input format and not a transform: a Druid transform produces exactly one named column
 * ({@code TransformedInputRow} consults transforms by column name only), so no transform can act on
 * a field it does not name — and the point of a default action is the field nobody named. The input
 * format's reader is the one place every field of every row passes.
 *
 * <p>{@code defaultAction} defaults to {@code redact} and is left out of the JSON when not given.
 * An unknown action or key id fails deserialization, so Druid refuses the spec when it is posted.
 */
public class PiiPolicyInputFormat implements InputFormat {
  public static final String TYPE_NAME = "canopyPiiPolicy";
  public static final String DEFAULT_ACTION = "redact";

  private final InputFormat inputFormat;
  private final Map<String, String> fields;
  @Nullable private final String defaultAction;
  private final PiiPolicy policy;

  @JsonCreator
  public PiiPolicyInputFormat(
      @JsonProperty("inputFormat") InputFormat inputFormat,
      @JsonProperty("fields") @Nullable Map<String, String> fields,
      @JsonProperty("defaultAction") @Nullable String defaultAction,
      @JacksonInject PiiKeyRing keyRing) {
    if (inputFormat == null) {
      throw new IllegalArgumentException(TYPE_NAME + ": inputFormat is required");
    }
    this.inputFormat = inputFormat;
    this.fields = fields == null ? Map.of() : new LinkedHashMap<>(fields);
    this.defaultAction = defaultAction;
    Map<String, PiiAction> actions = new LinkedHashMap<>();
    this.fields.forEach((field, action) -> actions.put(field, parse(field, action)));
    this.policy =
        new PiiPolicy(
            actions,
            parse("defaultAction", defaultAction == null ? DEFAULT_ACTION : defaultAction),
            keyRing);
  }

  private static PiiAction parse(String field, String action) {
    try {
      return PiiAction.parse(action);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(TYPE_NAME + " field [" + field + "]: " + e.getMessage());
    }
  }

  @JsonProperty
  public InputFormat getInputFormat() {
    return inputFormat;
  }

  @JsonProperty
  public Map<String, String> getFields() {
    return fields;
  }

  @Nullable
  @JsonProperty
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public String getDefaultAction() {
    return defaultAction;
  }

  @Override
  public boolean isSplittable() {
    return inputFormat.isSplittable();
  }

  @Override
  public long getWeightedSize(String path, long size) {
    return inputFormat.getWeightedSize(path, size);
  }

  @Override
  public InputEntityReader createReader(
      InputRowSchema inputRowSchema, InputEntity source, File temporaryDirectory) {
    return new PiiPolicyReader(
        inputFormat.createReader(inputRowSchema, source, temporaryDirectory), policy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PiiPolicyInputFormat that
        && inputFormat.equals(that.inputFormat)
        && fields.equals(that.fields)
        && Objects.equals(defaultAction, that.defaultAction);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputFormat, fields, defaultAction);
  }

  @Override
  public String toString() {
    return TYPE_NAME + "{inputFormat=" + inputFormat + ", fields=" + fields + "}";
  }
}
