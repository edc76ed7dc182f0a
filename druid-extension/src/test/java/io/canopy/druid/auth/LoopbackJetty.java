package io.canopy.druid.auth;

import java.util.EnumSet;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.http.HttpServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/** A Jetty (Druid 33's, 9.4) that listens on 127.0.0.1 at a free port, for tests. */
public final class LoopbackJetty {
  private LoopbackJetty() {}

  /** A server with its connector, not yet started: the test sets its handlers. */
  public static Server create() {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    return jetty;
  }

  /** A started server whose every request passes {@code filter}, then reaches {@code servlet}. */
  public static Server started(Filter filter, HttpServlet servlet) throws Exception {
    Server jetty = create();
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(servlet), "/*");
    jetty.setHandler(context);
    jetty.start();
    return jetty;
  }

  /** The port a started server listens on. */
  public static int port(Server jetty) {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }
}
