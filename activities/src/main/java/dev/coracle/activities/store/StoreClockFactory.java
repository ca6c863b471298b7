package dev.coracle.activities.store;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The clock the business layer stamps rows with. It is {@link Secondary}, so any other {@link
 * Clock} bean, such as a fixed clock a test registers, takes its place.
 */
@Factory
public class StoreClockFactory {

  @Singleton
  @Secondary
  Clock systemClock() {
    return Clock.systemUTC();
  }
}
