package dev.coracle.activities.classify;

import dev.coracle.activities.embeddings.LocalEmbeddings;

/**
 * One model and one classifier for all tests in this package: loading the model and embedding the
 * exemplars takes a few seconds, and both are immutable, so sharing them is safe.
 */
final class SharedClassifier {
  private static LocalEmbeddings embeddings;
  private static TieredClassifier classifier;

  private SharedClassifier() {}

  static synchronized LocalEmbeddings embeddings() {
    if (embeddings == null) {
      // The tokenizer library (DJL) pings the EC2 metadata service on load unless told not to.
      if (System.getProperty("OPT_OUT_TRACKING") == null) {
        System.setProperty("OPT_OUT_TRACKING", "true");
      }
      embeddings = new LocalEmbeddings();
    }
    return embeddings;
  }

  static synchronized TieredClassifier get() {
    if (classifier == null) {
      classifier = new TieredClassifier(embeddings());
    }
    return classifier;
  }
}
