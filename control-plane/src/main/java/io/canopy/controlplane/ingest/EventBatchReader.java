package io.canopy.controlplane.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.controlplane.common.StrictUtf8;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body into the events it holds: a JSON array ({@code application/json}) or one
 * JSON object per line ({@code application/x-ndjson}), optionally gzip-encoded. Stops at the
 * documented limits (events per batch, bytes after decoding) instead of reading on. Thread-safe.
 */
public final class EventBatchReader {
  public static final String NDJSON = "application/x-ndjson";

  private final ObjectMapper mapper;
  private final int maxEvents;
  private final long maxBytes;

  public EventBatchReader(ObjectMapper mapper, int maxEvents, long maxBytes) {
    this.mapper = mapper;
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
  }

  /**
   * @param contentType the request's media type (parameters ignored)
   * @param contentEncoding the request's {@code Content-Encoding}, or null
   * @throws BatchException if the body is not a batch, or is over a limit
   */
  public List<JsonNode> read(InputStream body, String contentType, String contentEncoding) {
    return read(body, contentType, contentEncoding, maxEvents, maxBytes);
  }

  /**
   * As {@link #read(InputStream, String, String)} with a tenant's own limits, which may be lower
   * (never higher) than the server's.
   */
  public List<JsonNode> read(
      InputStream body, String contentType, String contentEncoding, int maxEvents, long maxBytes) {
    String type =
        contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
    boolean ndjson = type.equals(NDJSON) || type.equals("application/jsonl");
    if (!ndjson && !type.equals("application/json")) {
      throw new BatchException(
          BatchException.Problem.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json (a JSON array) or application/x-ndjson");
    }
    try (InputStream in =
            new StrictUtf8(
                new LimitedInputStream(
                    decode(body, contentEncoding), Math.min(maxBytes, this.maxBytes)));
        JsonParser parser = mapper.getFactory().createParser(in)) {
      int limit = Math.min(maxEvents, this.maxEvents);
      List<JsonNode> events = ndjson ? readLines(parser, limit) : readArray(parser, limit);
      if (events.isEmpty()) {
        throw new BatchException(BatchException.Problem.MALFORMED, "the body contains no events");
      }
      return events;
    } catch (ZipException e) {
      throw new BatchException(BatchException.Problem.MALFORMED, "the body is not valid gzip");
    } catch (StrictUtf8.InvalidUtf8Exception e) {
      throw new BatchException(
          BatchException.Problem.MALFORMED,
          "the body is not valid UTF-8 (byte " + e.offset() + " after decoding)");
    } catch (JsonProcessingException e) {
      throw new BatchException(BatchException.Problem.MALFORMED, describe(e));
    } catch (IOException | org.eclipse.jetty.http.BadMessageException e) {
      throw unreadable(e);
    }
  }

  /**
   * Gzip is recognized by its magic bytes, not only by {@code Content-Encoding}: Dropwizard's Jetty
   * may inflate a gzip body itself (or drop the header) before it reaches here, and a JSON body can
   * never start with {@code 1f 8b}. An encoding other than gzip or identity is refused.
   */
  private static InputStream decode(InputStream body, String contentEncoding) throws IOException {
    boolean declared = contentEncoding != null && !contentEncoding.isBlank();
    if (declared
        && !contentEncoding.equalsIgnoreCase("gzip")
        && !contentEncoding.equalsIgnoreCase("identity")) {
      throw new BatchException(
          BatchException.Problem.UNSUPPORTED_MEDIA_TYPE,
          "Content-Encoding must be gzip or identity, not " + contentEncoding);
    }
    PushbackInputStream in = new PushbackInputStream(body, 2);
    byte[] magic = in.readNBytes(2);
    in.unread(magic);
    boolean gzipped = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    return gzipped ? new GZIPInputStream(in) : in;
  }

  private List<JsonNode> readArray(JsonParser parser, int maxEvents) throws IOException {
    if (parser.nextToken() != JsonToken.START_ARRAY) {
      throw new BatchException(
          BatchException.Problem.MALFORMED,
          "the body must be a JSON array of events (or send Content-Type: " + NDJSON + ")");
    }
    List<JsonNode> events = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() == null) {
        throw new BatchException(BatchException.Problem.MALFORMED, "the JSON array is not closed");
      }
      add(events, parser.readValueAsTree(), maxEvents);
    }
    if (parser.nextToken() != null) {
      throw new BatchException(
          BatchException.Problem.MALFORMED, "unexpected content after the JSON array");
    }
    return events;
  }

  private List<JsonNode> readLines(JsonParser parser, int maxEvents) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(parser)) {
      while (it.hasNextValue()) {
        add(events, it.nextValue(), maxEvents);
      }
    } catch (RuntimeException e) {
      if (e.getCause() instanceof JsonProcessingException jpe) {
        throw jpe;
      }
      throw e;
    }
    return events;
  }

  private static void add(List<JsonNode> events, JsonNode event, int maxEvents) {
    if (events.size() == maxEvents) {
      throw new BatchException(
          BatchException.Problem.TOO_LARGE, "a batch holds at most " + maxEvents + " events");
    }
    events.add(event);
  }

  /**
   * The connection failed while the body was read. Jetty ends a body that trickles in below the
   * minimum data rate, or stalls past the idle timeout, with a timeout: that is a 408. The message
   * never carries the exception's, which names Java classes.
   */
  private static BatchException unreadable(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException
          || t instanceof java.net.SocketTimeoutException
          || (t instanceof org.eclipse.jetty.http.BadMessageException bad
              && bad.getCode() == 408)) {
        return new BatchException(
            BatchException.Problem.TOO_SLOW,
            "the body arrived too slowly: it was cut off; send it again at full speed");
      }
    }
    return new BatchException(
        BatchException.Problem.MALFORMED, "the body could not be read: the connection failed");
  }

  private static String describe(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return "malformed JSON" + where + ": " + e.getOriginalMessage();
  }
}
