package io.canopy.stack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

  @Test
  void startsARealServerThatRequiresItsPassword() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
          ResultSet rs = c.createStatement().executeQuery("SHOW server_version")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).startsWith("16.4");
      }
      assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "wrong"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
    }
  }
}
