package dev.coracle.worker.visibility;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Protobuf timestamps to and from {@link Instant}, without pulling in protobuf-java-util. */
final class ProtoTime {
  private ProtoTime() {}

  static Instant toInstant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  static Timestamp of(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
