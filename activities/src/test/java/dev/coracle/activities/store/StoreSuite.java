package dev.coracle.activities.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class (or a base class: subclasses inherit it) of the store suite. The build runs
 * these tests twice, on SQLite and on a real PostgreSQL server ({@code -Dcoracle.test.store=
 * postgresql}); they open their store with {@link TestStore}, which picks the backend.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(StoreSuite.TAG)
public @interface StoreSuite {
  String TAG = "store";
}
