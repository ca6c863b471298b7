package dev.coracle.activities.store;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.ConnectionStatus;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads on the hot path without Micronaut's {@code @ReadOnly} interceptor: on the connection of the
 * transaction in progress when there is one (so a writer's batch reads what it wrote), else on a
 * connection taken straight from the pool in auto-commit mode, each statement reading the latest
 * committed rows.
 *
 * <p>The interceptor around a read of a few small rows (its chain, a transaction status and
 * propagated context, {@code setReadOnly}, SQLite's {@code BEGIN} and {@code COMMIT}) cost as much
 * CPU as the read itself; a cache hit and every model call's quota check and reservation make such
 * reads. What the statements read together is then not one snapshot: the callers here decide on
 * rows that each stand alone.
 */
@Singleton
public class PlainReads {

  /** Work on a connection that may throw what JDBC throws. */
  @FunctionalInterface
  public interface Work<R> {
    R on(Connection connection) throws SQLException;
  }

  private final ConnectionOperations<Connection> connections;
  private final DataSource pool;

  public PlainReads(ConnectionOperations<Connection> connections, DataSource dataSource) {
    this.connections = connections;
    this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
  }

  /** Runs {@code work} on the current transaction's connection, else on one from the pool. */
  public <R> R read(Work<R> work) {
    Optional<ConnectionStatus<Connection>> current = connections.findConnectionStatus();
    try {
      if (current.isPresent()) {
        return work.on(current.get().getConnection());
      }
      try (Connection connection = pool.getConnection()) {
        return work.on(connection);
      }
    } catch (SQLException e) {
      throw new DataAccessException("Could not read the store: " + e.getMessage(), e);
    }
  }
}
