package io.canopy.controlplane.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.druid.SqlParameter;
import io.canopy.controlplane.query.measure.MeasureCatalog;
import io.canopy.controlplane.query.model.QueryModel;
import io.canopy.controlplane.query.model.TimeRange;
import io.canopy.controlplane.query.sql.CompiledSql;
import io.canopy.controlplane.query.sql.MetadataSql;
import io.canopy.controlplane.query.sql.QueryPlanner;
import io.canopy.controlplane.query.sql.QuerySql;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A dedicated datasource's Druid name is {@code <slug>_<name>}, and slugs hold hyphens: every query
 * about or of it names it quoted, through SqlText, and takes every value as a parameter (issue 32:
 * a slug with a hyphen made {@code /v1/query} and {@code /v1/metrics} answer 500).
 */
class MetadataSqlTest {
  private static final String WEB = "acme-corp_web";

  @Test
  void aTenantsNewestEventOnEitherSideOfTheHandoffLine() {
    Instant line = Instant.parse("2026-12-02T10:00:00Z");
    CompiledSql live = MetadataSql.newest(WEB, "acme-corp", line, MetadataSql.Side.LIVE);

    assertThat(live.sql())
        .isEqualTo(
            "SELECT MAX(\"__time\") AS t FROM \"acme-corp_web\" WHERE \"tenant\" = ?"
                + " AND \"__time\" >= MILLIS_TO_TIMESTAMP(?)");
    assertThat(live.parameters())
        .containsExactly(
            SqlParameter.varchar("acme-corp"), SqlParameter.bigint(line.toEpochMilli()));
    assertThat(MetadataSql.newest(WEB, "acme-corp", line, MetadataSql.Side.SETTLED).sql())
        .endsWith("\"__time\" < MILLIS_TO_TIMESTAMP(?)");
  }

  @Test
  void theSpanColumnsAndSegmentsOfADedicatedDatasource() {
    assertThat(MetadataSql.span(WEB, "acme-corp").sql())
        .isEqualTo(
            "SELECT MIN(\"__time\") AS lo, MAX(\"__time\") AS hi FROM \"acme-corp_web\""
                + " WHERE \"tenant\" = ?");
    assertThat(MetadataSql.columns(WEB).parameters()).containsExactly(SqlParameter.varchar(WEB));
    assertThat(MetadataSql.segments(WEB).parameters()).containsExactly(SqlParameter.varchar(WEB));
  }

  @Test
  void aQueryOfADedicatedDatasourceWhoseSlugHasAHyphen() {
    QueryModel q =
        new QueryModel(
            1,
            "web",
            List.of("events"),
            null,
            null,
            TimeRange.relative("last 1h"),
            null,
            null,
            null,
            null,
            null);
    var plan =
        QueryPlanner.plan(
            q, "acme-corp", WEB, Instant.parse("2026-12-02T10:15:30Z"), MeasureCatalog.builtin());

    assertThat(new QuerySql(QuerySqlTest.EVENTS, MeasureCatalog.builtin()).totals(plan).sql())
        .contains("FROM \"acme-corp_web\" WHERE \"tenant\" = ?");
  }

  @Test
  void aNameCanopyNeverMakesIsRefused() {
    assertThatThrownBy(() -> MetadataSql.span("web\" OR 1=1 --", "acme"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
