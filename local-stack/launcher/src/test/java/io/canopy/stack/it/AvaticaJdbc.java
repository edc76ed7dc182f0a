package io.canopy.stack.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A JDBC connection to the stack's router as a BI tool makes it: the JDBC user and password, and
 * the same as HTTP Basic on every request ({@code avatica_user}, {@code avatica_password}, with the
 * URL's {@code authentication=BASIC}), which Canopy needs to bind the connection to its opener.
 */
final class AvaticaJdbc {
  private AvaticaJdbc() {}

  static Connection connect(String user, String password) throws SQLException {
    return DriverManager.getConnection(
        LocalStackExtension.stack().ports().avaticaUrl(), properties(user, password));
  }

  static Properties properties(String user, String password) {
    Properties who = new Properties();
    who.setProperty("user", user);
    who.setProperty("password", password);
    who.setProperty("avatica_user", user);
    who.setProperty("avatica_password", password);
    return who;
  }
}
