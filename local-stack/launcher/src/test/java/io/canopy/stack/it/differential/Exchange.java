package io.canopy.stack.it.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * One question asked and answered: the request as sent, when it was sent and answered, the status
 * and the body. Everything a mismatch report needs to replay it. Immutable.
 */
record Exchange(
    Question question,
    RangeSpec.Context context,
    AnswerPath.Request request,
    Instant askedAt,
    Instant answeredAt,
    int status,
    String body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The body as JSON; a missing node if it is not JSON. */
  JsonNode answer() {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
  }

  /** The whole exchange, for a report: the tenant, request, times, status and answer. */
  String describe() {
    return "question #"
        + question.id()
        + " of tenant "
        + question.tenant().slug()
        + " via "
        + question.path()
        + "\n  "
        + request.method()
        + " "
        + request.path()
        + (request.body() == null ? "" : "\n  " + request.body())
        + "\n  asked at "
        + askedAt
        + ", answered at "
        + answeredAt
        + " with HTTP "
        + status
        + "\n  answer: "
        + (body.length() > 6000 ? body.substring(0, 6000) + "…" : body);
  }
}
