package dev.coracle.activities.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig.TransactionMode;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/**
 * A SQLite connection whose transactions queue in this process instead of polling SQLite's lock.
 *
 * <p>SQLite lets one connection write at a time, and a connection that finds the lock taken waits
 * in SQLite's busy handler, which sleeps 1, 2, 5, 10 ms and more between tries: two requests that
 * write at the same moment cost the second one at least a millisecond, and under load tens. So a
 * write transaction first takes a fair lock that every connection to the same file in this process
 * shares; a waiter then starts the moment the holder ends. Another process writing the same file
 * still meets SQLite's own lock and its busy timeout. The lock is not fair: waiters are served in
 * order, but a thread that arrives as the lock is released may take it first, so the lock never
 * stays free while the next waiter is still being scheduled (two cores, many threads).
 *
 * <p>A transaction marked read-only (Micronaut Data marks every {@code @ReadOnly} method's) begins
 * deferred instead of {@code BEGIN IMMEDIATE}: in WAL mode it then reads a snapshot beside the
 * writer, taking neither lock. The store's read-only methods do not write. {@link
 * Connection#setReadOnly} itself is not passed on: sqlite-jdbc fixes that flag when the connection
 * opens and throws if it is changed later (micronaut-data#3560).
 */
final class QueuedWriteConnection implements InvocationHandler {
  private static final Map<String, ReentrantLock> WRITE_LOCKS = new ConcurrentHashMap<>();

  private final Connection connection;
  private final ReentrantLock writeLock;
  private boolean readOnly;
  private boolean holdsWriteLock;
  private TransactionMode ownMode;

  private QueuedWriteConnection(Connection connection, String file) {
    this.connection = connection;
    this.writeLock = WRITE_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
  }

  /**
   * {@code connection}, with its transactions queued on the lock of {@code file} (the database as
   * named in the JDBC URL, without its settings).
   */
  static Connection wrap(Connection connection, String file) {
    return (Connection)
        Proxy.newProxyInstance(
            QueuedWriteConnection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new QueuedWriteConnection(connection, file));
  }

  /** The database file a JDBC URL names: everything before its settings. */
  static String fileOf(String url) {
    int settings = url.indexOf('?');
    return settings < 0 ? url : url.substring(0, settings);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "setReadOnly":
        readOnly = (Boolean) args[0];
        return null;
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "setAutoCommit":
        setAutoCommit((Boolean) args[0]);
        return null;
      case "close":
        try {
          return call(method, args);
        } finally {
          endTransaction();
        }
      default:
        return call(method, args);
    }
  }

  private void setAutoCommit(boolean autoCommit) throws SQLException {
    if (autoCommit || !connection.getAutoCommit()) {
      try {
        connection.setAutoCommit(autoCommit);
      } finally {
        if (autoCommit) {
          endTransaction();
        }
      }
      return;
    }
    if (readOnly) {
      beginDeferred();
    } else {
      beginQueued();
    }
  }

  private void beginDeferred() throws SQLException {
    SQLiteConnectionConfig config = connection.unwrap(SQLiteConnection.class).getConnectionConfig();
    // Kept until the transaction ends: sqlite-jdbc's commit() begins the next one at once.
    ownMode = config.getTransactionMode();
    config.setTransactionMode(TransactionMode.DEFERRED);
    try {
      connection.setAutoCommit(false);
    } catch (SQLException | RuntimeException e) {
      endTransaction();
      throw e;
    }
  }

  private void beginQueued() throws SQLException {
    writeLock.lock();
    holdsWriteLock = true;
    try {
      connection.setAutoCommit(false);
    } catch (SQLException | RuntimeException e) {
      endTransaction();
      throw e;
    }
  }

  /** Gives the write lock back and restores the connection's own transaction mode. */
  private void endTransaction() throws SQLException {
    if (holdsWriteLock) {
      holdsWriteLock = false;
      writeLock.unlock();
    }
    if (ownMode != null) {
      TransactionMode mode = ownMode;
      ownMode = null;
      if (!connection.isClosed()) {
        connection.unwrap(SQLiteConnection.class).getConnectionConfig().setTransactionMode(mode);
      }
    }
  }

  private Object call(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(connection, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
