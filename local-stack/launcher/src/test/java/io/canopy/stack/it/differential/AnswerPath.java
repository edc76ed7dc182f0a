package io.canopy.stack.it.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The ways the test asks a question: the query model ({@code POST /v1/query}), its shorthand
 * ({@code GET /v1/metrics}) and ad-hoc SQL the test writes from the question ({@code POST
 * /v1/sql}). A new path is a constant here with its request, and a checker for its answers if they
 * are not query-model answers.
 */
enum AnswerPath {
  QUERY,
  METRICS,
  SQL;

  /** The HTTP request of a question: method, path and query, body (null for none). */
  record Request(String method, String path, ObjectNode body) {}

  Request request(Question q, RangeSpec.Context c, Map<String, MeasureDef> measures) {
    return switch (this) {
      case QUERY -> new Request("POST", "/v1/query", q.model(c));
      case METRICS -> new Request("GET", q.metricsPath(), null);
      case SQL -> new Request("POST", "/v1/sql", SqlQuestion.write(q, c, measures).body());
    };
  }
}
