package io.canopy.controlplane.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * A JDBI on-demand DAO that runs a callback after each of its writes. Every method that is not a
 * {@code @SqlQuery} counts as a write (an update, or a default or {@code @Transaction} method built
 * of them); an on-demand DAO has committed by the time such a call returns, so the callback sees
 * the change. It runs when the call fails too: a needless callback is harmless, a missed one is
 * not.
 */
public final class AfterWrite {
  private AfterWrite() {}

  public static <T> T wrap(Class<T> type, T dao, Runnable afterWrite) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          boolean write =
              method.getDeclaringClass() != Object.class
                  && !method.isAnnotationPresent(SqlQuery.class);
          try {
            return method.invoke(dao, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          } finally {
            if (write) {
              afterWrite.run();
            }
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
