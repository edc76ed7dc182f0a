package io.canopy.controlplane.query.api;

import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.Text;
import io.canopy.controlplane.query.QueryResult;
import io.canopy.controlplane.query.QueryService;
import io.canopy.controlplane.query.model.Filter;
import io.canopy.controlplane.query.model.Granularity;
import io.canopy.controlplane.query.model.QueryModel;
import io.canopy.controlplane.query.model.Split;
import io.canopy.controlplane.query.model.TimeRange;
import io.canopy.controlplane.web.ClientConnection;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/metrics?name=page_views&range=7d&group_by=country&filter=device:mobile}: one
 * measure, as a shorthand for the query model. {@code range} takes {@code 7d}, {@code 24h}, {@code
 * 30m}, {@code 2w} (the last so long) or any relative range of the model; {@code group_by} is a
 * comma-separated list of dimensions (top 10 each, with an "(other)" row); each {@code filter} is
 * {@code dimension:value} and all must hold.
 */
@Path("/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
public final class MetricsResource {
  private final QueryService queries;
  private final Queriers queriers;

  public MetricsResource(QueryService queries, Queriers queriers) {
    this.queries = queries;
    this.queriers = queriers;
  }

  @GET
  public QueryResult metric(
      @Auth Caller caller,
      @QueryParam("name") String name,
      @QueryParam("range") String range,
      @QueryParam("group_by") String groupBy,
      @QueryParam("filter") List<String> filters,
      @QueryParam("granularity") String granularity,
      @QueryParam("datasource") String datasource,
      @QueryParam("tz") String timeZone,
      @HeaderParam(HttpHeaders.CACHE_CONTROL) String cacheControl) {
    Caller.TenantKey key = queriers.of(caller);
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("name", "is required: the measure, such as page_views");
    }
    QueryModel model =
        new QueryModel(
            QueryModel.VERSION,
            datasource,
            List.of(name),
            splits(groupBy),
            filter(filters),
            new TimeRange(null, null, relative(range), timeZone),
            granularity == null ? Granularity.AUTO.json() : granularity,
            null,
            null,
            null,
            null);
    try (ClientConnection client = ClientConnection.ofThisRequest()) {
      return queries.query(key, model, NoCache.asked(cacheControl), client);
    } catch (InvalidInputException e) {
      throw e.as(parameter(e.field()));
    }
  }

  /** The query parameter a query model's field came from, as the caller knows it. */
  static String parameter(String field) {
    if (field == null) {
      return null;
    }
    if (field.startsWith("measures")) {
      return "name";
    }
    if (field.startsWith("splits")) {
      return "group_by";
    }
    if (field.equals("range.timeZone")) {
      return "tz";
    }
    if (field.startsWith("range")) {
      return "range";
    }
    if (field.startsWith("filter")) {
      return "filter";
    }
    return field; // granularity, datasource: the same name
  }

  private static String relative(String range) {
    if (range == null || range.isBlank()) {
      return "last 24h";
    }
    return range.matches("\\d+[mhdw]") ? "last " + range : range;
  }

  private static List<Split> splits(String groupBy) {
    List<Split> splits = new ArrayList<>();
    if (groupBy != null && !groupBy.isBlank()) {
      for (String d : groupBy.split(",")) {
        splits.add(new Split(d.trim(), null, null));
      }
    }
    return splits;
  }

  private static Filter filter(List<String> filters) {
    if (filters == null || filters.isEmpty()) {
      return null;
    }
    List<Filter> all = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      String f = filters.get(i);
      int colon = f.indexOf(':');
      if (colon <= 0) {
        throw new InvalidInputException(
            "filter",
            "must be dimension:value, such as device:mobile, not " + Text.abbreviate(f, 64));
      }
      all.add(new Filter.Equals(f.substring(0, colon), f.substring(colon + 1)));
    }
    return all.size() == 1 ? all.get(0) : new Filter.And(all);
  }
}
