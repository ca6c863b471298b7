package dev.coracle.activities.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;

/**
 * Runs a write in the transaction in progress, or else in a new write transaction: what a method
 * annotated {@code @Transactional} does, without its interceptor. The after-answer writer makes
 * several such writes for every chat inside its batch's transaction, where joining through the
 * interceptor (its chain, a new status and propagated context for each call) cost as much CPU as
 * the statements themselves. A new transaction queues behind the process's other writers (see
 * {@link QueuedWriteConnection}) instead of polling SQLite's lock, as an annotated method's does.
 */
@Singleton
public class StoreTransactions {

  private final TransactionOperations<Connection> transactions;

  public StoreTransactions(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /** Runs {@code write} in the current transaction, or in a new one that commits when it ends. */
  public void write(Runnable write) {
    if (transactions.findTransactionStatus().isPresent()) {
      write.run();
      return;
    }
    transactions.executeWrite(
        status -> {
          write.run();
          return null;
        });
  }
}
