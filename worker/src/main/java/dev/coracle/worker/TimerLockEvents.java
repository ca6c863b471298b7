package dev.coracle.worker;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.util.LinkedList;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the test server's per-update lock bookkeeping cost a few steps instead of a scan of
 * everything it ever did.
 *
 * <p>Every state change in Temporal's test server (1.38) takes a time-skipping lock and gives it
 * back, and its timer keeps a debug list of lock events. Lock changes that come from a request's
 * timers are appended and never removed, so the list grows with every workflow task; the lock a
 * state change holds is removed from it with {@link LinkedList#remove(Object)}, which scans from
 * the oldest event. At a few thousand workflows that scan was the single hottest frame of coracle
 * (about 9 % of its CPU samples under load), and it grew until the server was recycled.
 *
 * <p>The event being removed is almost always among the newest (a state change adds it and removes
 * it a few events later), so this swaps the list for one that searches from the newest end. The
 * events, their order and what the server's diagnostics print stay the same; only the direction of
 * the search changes. If a later test server has no such list, nothing is swapped and it runs as it
 * came.
 */
final class TimerLockEvents {
  private static final Logger log = LoggerFactory.getLogger(TimerLockEvents.class);

  private TimerLockEvents() {}

  /** Swaps the timer's lock-event list of {@code services} for one that searches from its end. */
  static void searchFromNewest(TestServicesStarter services) {
    try {
      Object timer = field(TestServicesStarter.class, "selfAdvancingTimer").get(services);
      Lock lock = (Lock) field(timer.getClass(), "lock").get(timer);
      Field events = field(timer.getClass(), "lockEvents");
      lock.lock();
      try {
        events.set(timer, new NewestFirst<>((LinkedList<?>) events.get(timer)));
      } finally {
        lock.unlock();
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("test server's timer left as it is: {}", e.toString());
    }
  }

  private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
    Field field = owner.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  /** A list whose {@code remove(Object)} finds the last equal element, searching from the end. */
  static final class NewestFirst<E> extends LinkedList<E> {
    private static final long serialVersionUID = 1L;

    NewestFirst(LinkedList<? extends E> events) {
      super(events);
    }

    @Override
    public boolean remove(Object event) {
      return removeLastOccurrence(event);
    }
  }
}
