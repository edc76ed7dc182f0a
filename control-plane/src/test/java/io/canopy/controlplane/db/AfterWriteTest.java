package io.canopy.controlplane.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.Test;

class AfterWriteTest {
  interface Things {
    @SqlQuery("SELECT 1")
    int read();

    @SqlUpdate("UPDATE things SET x = 1")
    int write();

    default void writeTwice() {
      write();
      write();
    }
  }

  private final AtomicInteger callbacks = new AtomicInteger();

  private Things wrapped(boolean failing) {
    Things target =
        new Things() {
          @Override
          public int read() {
            return 7;
          }

          @Override
          public int write() {
            if (failing) {
              throw new IllegalStateException("constraint");
            }
            return 1;
          }
        };
    return AfterWrite.wrap(Things.class, target, callbacks::incrementAndGet);
  }

  @Test
  void readsPassThroughAndEveryWriteCallRunsTheCallbackOnceAfterIt() {
    Things things = wrapped(false);
    assertThat(things.read()).isEqualTo(7);
    assertThat(callbacks).hasValue(0);

    assertThat(things.write()).isEqualTo(1);
    assertThat(callbacks).hasValue(1);

    things.writeTwice();
    assertThat(callbacks).as("one call, one callback, after it returned").hasValue(2);

    assertThat(things.toString()).isNotEmpty();
    assertThat(callbacks).hasValue(2);
  }

  @Test
  void aFailedWriteThrowsItsOwnExceptionAndStillRunsTheCallback() {
    Things things = wrapped(true);
    assertThatThrownBy(things::write)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("constraint");
    assertThat(callbacks).hasValue(1);
  }
}
