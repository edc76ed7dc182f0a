package io.canopy.druid.auth;

import io.canopy.druid.quota.QueryContexts;
import io.canopy.druid.quota.QueryTicket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Lets only the caller that started a query cancel it: a query request passes with the ids it names
 * noted as its caller's until it ends ({@link QueryOwners}), a query under an id another caller
 * runs is refused, and a cancel passes only for the caller's own running query. Another caller's
 * query and one that doesn't exist get the same answer. Thread-safe.
 */
final class QueryIdGate {
  /** The largest query request read here; Druid's own queries are far smaller. */
  static final int MAX_BODY_BYTES = 16 << 20;

  static final String NOT_YOURS = "No running query with this id belongs to the caller.";
  static final String ID_IN_USE =
      "Another caller runs a query under this id; choose another sqlQueryId or queryId.";

  private final QueryOwners owners = new QueryOwners();

  /** The tickets of tenants' queries running here under ids their callers chose. */
  private final Map<String, Set<QueryTicket>> tickets = new ConcurrentHashMap<>();

  /**
   * Stops the queries running here under the id a cancel names, on their threads: Druid's own
   * cancel does not stop every shape (a join of inline rows runs on). Called for a cancel that was
   * let through to Druid.
   */
  void cancelled(String rawPath) {
    String id = TenantPaths.cancelled(rawPath);
    Set<QueryTicket> running = id == null ? null : tickets.get(id);
    if (running != null) {
      running.forEach(QueryTicket::cancel);
    }
  }

  /** Whether {@code owner} runs the query a cancel names; the filter answers 404 if not. */
  boolean mayCancel(String rawPath, String owner) {
    String id = TenantPaths.cancelled(rawPath);
    return id != null && owners.runs(id, owner);
  }

  /**
   * Runs a query request through {@code chain}, its ids noted as {@code owner}'s while it runs;
   * answers itself (and returns) when the body is too large or an id is another caller's. A
   * tenant's query comes with its {@code ticket}: its timeout goes into the body ({@link
   * QueryContexts}), the thread running it is watched, and the ticket is closed when the query ends
   * (here, or when the router's asynchronous answer completes).
   */
  void query(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      String owner,
      Refusal refuse,
      @Nullable QueryTicket ticket)
      throws IOException, ServletException {
    List<String> started = new ArrayList<>();
    boolean async = false;
    try {
      byte[] body;
      try {
        body = RequestBodies.read(request.getInputStream(), MAX_BODY_BYTES);
      } catch (RequestBodies.TooLarge e) {
        refuse.with(413, "A query request may be at most 16 MiB.");
        return;
      } catch (RequestBodies.TooSlow e) {
        response.setHeader("Connection", "close");
        refuse.with(408, RequestBodies.TOO_SLOW);
        return;
      }
      int timeoutMs = 0;
      if (ticket != null) {
        QueryContexts.Bounded bounded =
            QueryContexts.bound(body, request.getContentType(), ticket.quota());
        body = bounded.body();
        timeoutMs = bounded.timeoutMs();
      }
      for (String id : QueryIds.of(body, request.getContentType())) {
        if (!owners.start(id, owner)) {
          refuse.with(409, ID_IN_USE);
          return;
        }
        started.add(id);
      }
      if (ticket != null) {
        ticket.watch(Thread.currentThread(), timeoutMs);
        for (String id : started) {
          tickets.computeIfAbsent(id, i -> ConcurrentHashMap.newKeySet()).add(ticket);
        }
      }
      chain.doFilter(new ReplayedRequest(request, body), response);
      async = request.isAsyncStarted();
      if (async) {
        if (ticket != null) {
          ticket.unwatch();
        }
        request.getAsyncContext().addListener(new EndsWith(this, started, owner, ticket));
      }
    } finally {
      if (!async) {
        end(started, owner, ticket);
      }
    }
  }

  private void end(List<String> ids, String owner, @Nullable QueryTicket ticket) {
    for (String id : ids) {
      owners.end(id, owner);
      if (ticket != null) {
        tickets.computeIfPresent(
            id,
            (i, set) -> {
              set.remove(ticket);
              return set.isEmpty() ? null : set;
            });
      }
    }
    if (ticket != null) {
      ticket.close();
    }
  }

  /** How the filter answers for the gate. */
  @FunctionalInterface
  interface Refusal {
    void with(int status, String message) throws IOException;
  }

  /** Ends the ids and ticket of a query the router proxies, when its answer is complete. */
  private record EndsWith(
      QueryIdGate gate, List<String> ids, String owner, @Nullable QueryTicket ticket)
      implements AsyncListener {
    @Override
    public void onComplete(AsyncEvent event) {
      gate.end(ids, owner, ticket);
    }

    @Override
    public void onTimeout(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}
  }
}
