package io.canopy.druid.auth;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

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

  /** The port a started server listens on. */
  public static int port(Server jetty) {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }
}
