package io.canopy.druid.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.druid.jackson.DefaultObjectMapper;
import org.apache.druid.java.util.common.DateTimes;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.query.Query;
import org.apache.druid.query.expression.TestExprMacroTable;
import org.apache.druid.server.QueryStats;
import org.apache.druid.server.RequestLogLine;
import org.apache.druid.server.log.RequestLogger;
import org.junit.jupiter.api.Test;

/**
 * Native and SQL lines as the delegate logger gets them, for queries written as Druid's broker
 * writes them (a tenant's row policy on the pooled table, filters of every kind, an expression and
 * an inline data source): no value the query compared with reaches it, the shape and ids do.
 */
class RedactingRequestLoggerTest {
  private static final String EMAIL = "jane.doe@example.com";
  private static final String IP = "203.0.113.7";

  private final ObjectMapper mapper =
      new DefaultObjectMapper()
          .setInjectableValues(
              new InjectableValues.Std()
                  .addValue(ExprMacroTable.class, TestExprMacroTable.INSTANCE));
  private final LogDigest digest = new LogDigest("key".getBytes(StandardCharsets.UTF_8));
  private final List<RequestLogLine> logged = new ArrayList<>();
  private final RedactingRequestLogger logger =
      new RedactingRequestLogger(
          new RequestLogger() {
            @Override
            public void logNativeQuery(RequestLogLine line) {
              logged.add(line);
            }

            @Override
            public void logSqlQuery(RequestLogLine line) {
              logged.add(line);
            }
          },
          mapper,
          digest);

  private static final String QUERY =
      """
      {"queryType":"timeseries",
       "dataSource":{"type":"restrict","base":{"type":"table","name":"events"},
         "policy":{"type":"row","rowFilter":{"type":"equals","column":"tenant","matchValueType":"STRING","matchValue":"acme-shop"}}},
       "intervals":["2026-12-01/2026-12-08"],"granularity":"all",
       "virtualColumns":[{"type":"expression","name":"v0","expression":"concat(\\"email\\",'%s')","outputType":"STRING"}],
       "filter":{"type":"and","fields":[
         {"type":"equals","column":"email","matchValueType":"STRING","matchValue":"%s"},
         {"type":"in","dimension":"ip","values":["%s","198.51.100.2"]},
         {"type":"like","dimension":"email","pattern":"%%%s%%"},
         {"type":"bound","dimension":"email","lower":"%s","upper":"zz","ordering":"lexicographic"},
         {"type":"range","column":"country","matchValueType":"STRING","lower":"%s"},
         {"type":"search","dimension":"email","query":{"type":"contains","value":"%s","caseSensitive":false}},
         {"type":"selector","dimension":"ip","value":"%s"},
         {"type":"expression","expression":"\\"ip\\" == '%s'"},
         {"type":"equals","column":"tenant","matchValueType":"STRING","matchValue":"%s"}]},
       "aggregations":[{"type":"count","name":"n"}],
       "context":{"sqlQueryId":"canopy-q1","queryId":"q1-native"}}
      """
          .formatted(EMAIL, EMAIL, IP, EMAIL, EMAIL, EMAIL, EMAIL, IP, IP, EMAIL);

  private Query<?> query(String json) throws IOException {
    return mapper.readValue(json, Query.class);
  }

  @Test
  void aNativeQueryKeepsItsShapeAndIdsAndLosesEveryValue() throws IOException {
    logger.logNativeQuery(
        RequestLogLine.forNative(
            query(QUERY), DateTimes.nowUtc(), "127.0.0.1", new QueryStats(Map.of())));

    String line = logged.get(0).getNativeQueryLine(mapper);
    assertThat(line)
        .doesNotContain("jane", "example.com", IP, "198.51.100.2")
        .contains("\"matchValue\":\"acme-shop\"", "canopy-q1", "q1-native", "\"email\"")
        .contains(digest.of(EMAIL), digest.of(IP), digest.of("%" + EMAIL + "%"))
        .doesNotContain(RedactingRequestLogger.PLACEHOLDER);
    assertThat(logged.get(0).getQuery().getType()).isEqualTo("timeseries");
  }

  @Test
  void theTenantColumnKeepsOnlyASlug() throws IOException {
    Query<?> redacted = logger.redacted(query(QUERY));

    // The last filter compares tenant with an e-mail: not a slug, digested.
    assertThat(mapper.writeValueAsString(redacted)).doesNotContain(EMAIL);
  }

  @Test
  void aTimeInAnExpressionStaysSoThatDruidReadsTheQueryBack() throws IOException {
    String json =
        """
        {"queryType":"timeseries","dataSource":"events","intervals":["2026-12-01/2026-12-08"],
         "granularity":"all","aggregations":[{"type":"count","name":"n"}],
         "virtualColumns":[{"type":"expression","name":"v0","outputType":"LONG",
           "expression":"timestamp_floor(\\"__time\\",'PT1M',null,'Europe/Berlin')"}],
         "filter":{"type":"expression",
           "expression":"timestamp_format(\\"__time\\",'yyyy','+05:30') == '%s'"},
         "context":{"sqlQueryId":"canopy-q4"}}
        """
            .formatted(EMAIL);

    String line = mapper.writeValueAsString(logger.redacted(query(json)));

    assertThat(line)
        .doesNotContain(RedactingRequestLogger.PLACEHOLDER, EMAIL)
        .contains("'PT1M'", "'Europe/Berlin'", "'+05:30'", digest.of(EMAIL));
  }

  @Test
  void anInlineDataSourcesRowsAreDigested() throws IOException {
    String json =
        """
        {"queryType":"scan","dataSource":{"type":"inline","columnNames":["email","n"],
          "columnTypes":["STRING","LONG"],"rows":[["%s",1],["%s",2]]},
         "intervals":["1000/3000"],"columns":["email","n"],"resultFormat":"compactedList",
         "context":{"sqlQueryId":"canopy-q2"}}
        """
            .formatted(EMAIL, IP);

    String line = mapper.writeValueAsString(logger.redacted(query(json)));

    assertThat(line).doesNotContain(EMAIL, IP).contains(digest.of(EMAIL), "canopy-q2");
  }

  @Test
  void aSqlLineKeepsItsContextAndLosesItsLiterals() throws IOException {
    logger.logSqlQuery(
        RequestLogLine.forSql(
            "SELECT COUNT(*) FROM events WHERE email = '" + EMAIL + "'",
            Map.of("sqlQueryId", "canopy-q3"),
            DateTimes.nowUtc(),
            "127.0.0.1",
            new QueryStats(Map.of("success", true))));

    String line = logged.get(0).getSqlQueryLine(mapper);
    assertThat(line)
        .doesNotContain(EMAIL)
        .contains(digest.of(EMAIL), "canopy-q3", "\"success\":true");
  }
}
