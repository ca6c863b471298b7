package dev.coracle.activities.store;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The SQLite JDBC driver, except that {@link Connection#setReadOnly} is a no-op, and that its
 * connections queue their write transactions in this process ({@link QueuedWriteConnection}).
 *
 * <p>sqlite-jdbc fixes the read-only flag when the connection opens and throws if it is changed
 * later, while Micronaut Data calls {@code setReadOnly(true)} for every read-only transaction
 * (micronaut-data#3560). Ignoring the hint is safe: read-only is an optimisation, and the store's
 * read-only methods do not write.
 */
public final class ReadOnlyTolerantSqliteDriver implements Driver {

  static {
    try {
      DriverManager.registerDriver(new ReadOnlyTolerantSqliteDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Driver delegate = new org.sqlite.JDBC();

  /**
   * Makes sure the driver is registered with {@link DriverManager}, so that a pool looking the
   * driver up by class name finds it there. Calling it more than once does nothing more.
   */
  public static void register() {
    // Loading the class runs the static initializer, which registers it once.
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    // DriverManager always passes properties; sqlite-jdbc fails on null, so direct callers may not.
    Connection connection = delegate.connect(url, info == null ? new Properties() : info);
    return connection == null
        ? null
        : QueuedWriteConnection.wrap(connection, QueuedWriteConnection.fileOf(url));
  }

  @Override
  public boolean acceptsURL(String url) throws SQLException {
    return delegate.acceptsURL(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    return delegate.getPropertyInfo(url, info);
  }

  @Override
  public int getMajorVersion() {
    return delegate.getMajorVersion();
  }

  @Override
  public int getMinorVersion() {
    return delegate.getMinorVersion();
  }

  @Override
  public boolean jdbcCompliant() {
    return delegate.jdbcCompliant();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }
}
