package io.canopy.controlplane.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class EventBatchReaderTest {
  private final EventBatchReader reader = new EventBatchReader(new ObjectMapper(), 3, 1000);

  private static InputStream body(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private static InputStream gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
      gz.write(bytes);
    }
    return new ByteArrayInputStream(buf.toByteArray());
  }

  @Test
  void readsAJsonArray() {
    List<JsonNode> events = reader.read(body("[{\"a\":1}, {\"a\":2}]"), "application/json", null);
    assertThat(events).extracting(e -> e.get("a").asInt()).containsExactly(1, 2);
  }

  @Test
  void readsNdjsonSkippingBlankLines() {
    List<JsonNode> events =
        reader.read(body("{\"a\":1}\n\n{\"a\":2}\n"), "application/x-ndjson; charset=utf-8", null);
    assertThat(events).hasSize(2);
  }

  @Test
  void readsGzip() throws Exception {
    List<JsonNode> events =
        reader.read(
            gzip("[{\"a\":1}]".getBytes(StandardCharsets.UTF_8)), "application/json", "gzip");
    assertThat(events).hasSize(1);
  }

  @Test
  void aBodyAlreadyInflatedByTheServerIsReadAsIs() {
    assertThat(reader.read(body("[{\"a\":1}]"), "application/json", "gzip")).hasSize(1);
  }

  @Test
  void keepsNonObjectElementsForPerEventRejection() {
    assertThat(reader.read(body("[1, {}]"), "application/json", null)).hasSize(2);
  }

  @Test
  void malformedJsonNamesWhere() {
    assertThatThrownBy(() -> reader.read(body("[{\"a\":1,}]"), "application/json", null))
        .isInstanceOfSatisfying(
            BatchException.class,
            e -> assertThat(e.problem()).isEqualTo(BatchException.Problem.MALFORMED))
        .hasMessageContaining("malformed JSON at line 1, column");
  }

  @Test
  void aJsonObjectIsNotABatch() {
    assertThatThrownBy(() -> reader.read(body("{\"a\":1}"), "application/json", null))
        .hasMessageContaining("must be a JSON array");
  }

  @Test
  void emptyBatchesAndTrailingContentAreMalformed() {
    assertThatThrownBy(() -> reader.read(body("[]"), "application/json", null))
        .hasMessageContaining("no events");
    assertThatThrownBy(() -> reader.read(body(""), "application/x-ndjson", null))
        .hasMessageContaining("no events");
    assertThatThrownBy(() -> reader.read(body("[{}] x"), "application/json", null))
        .isInstanceOf(BatchException.class);
    assertThatThrownBy(() -> reader.read(body("[{}"), "application/json", null))
        .isInstanceOf(BatchException.class);
  }

  @Test
  void moreEventsThanTheLimitIsTooLarge() {
    assertThatThrownBy(() -> reader.read(body("[{},{},{},{}]"), "application/json", null))
        .isInstanceOfSatisfying(
            BatchException.class,
            e -> assertThat(e.problem()).isEqualTo(BatchException.Problem.TOO_LARGE))
        .hasMessage("a batch holds at most 3 events");
  }

  @Test
  void aGzipBombStopsAtTheByteLimit() throws Exception {
    byte[] huge = ("[\"" + " ".repeat(10_000_000) + "\"]").getBytes(StandardCharsets.UTF_8);
    InputStream bomb = gzip(huge);
    assertThatThrownBy(() -> reader.read(bomb, "application/json", "gzip"))
        .isInstanceOfSatisfying(
            BatchException.class,
            e -> assertThat(e.problem()).isEqualTo(BatchException.Problem.TOO_LARGE));
  }

  @Test
  void invalidGzipAndUnknownTypesAreRefused() {
    byte[] corrupt = {0x1f, (byte) 0x8b, 1, 2, 3};
    assertThatThrownBy(
            () -> reader.read(new ByteArrayInputStream(corrupt), "application/json", "gzip"))
        .isInstanceOf(BatchException.class);
    assertThatThrownBy(() -> reader.read(body("[{}]"), "text/plain", null))
        .isInstanceOfSatisfying(
            BatchException.class,
            e -> assertThat(e.problem()).isEqualTo(BatchException.Problem.UNSUPPORTED_MEDIA_TYPE));
    assertThatThrownBy(() -> reader.read(body("[{}]"), "application/json", "br"))
        .hasMessageContaining("Content-Encoding must be gzip");
  }

  @Test
  void overlongAndOtherwiseInvalidUtf8IsMalformedAlsoInsideGzip() throws Exception {
    byte[] overlongSlash = {
      '[', '{', '"', 'p', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}', ']'
    };
    for (InputStream in :
        new InputStream[] {new ByteArrayInputStream(overlongSlash), gzip(overlongSlash)}) {
      assertThatThrownBy(() -> reader.read(in, "application/json", null))
          .isInstanceOfSatisfying(
              BatchException.class,
              e -> {
                assertThat(e.problem()).isEqualTo(BatchException.Problem.MALFORMED);
                assertThat(e.getMessage())
                    .isEqualTo("the body is not valid UTF-8 (byte 7 after decoding)");
              });
    }
  }

  @Test
  void aBodyCutOffForBeingTooSlowIs408WithoutJavaNames() {
    InputStream slow =
        new InputStream() {
          @Override
          public int read() throws java.io.IOException {
            throw new java.io.IOException(
                new java.util.concurrent.TimeoutException("Idle timeout expired: 10000/10000 ms"));
          }
        };
    assertThatThrownBy(() -> reader.read(slow, "application/json", null))
        .isInstanceOfSatisfying(
            BatchException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(BatchException.Problem.TOO_SLOW);
              assertThat(e.getMessage()).doesNotContain("java").doesNotContain("Timeout");
            });
  }
}
