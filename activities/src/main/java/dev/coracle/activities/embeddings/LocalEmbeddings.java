package dev.coracle.activities.embeddings;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The in-process sentence embedding model ({@link SentenceModel#PRODUCTION}: all-MiniLM-L6-v2
 * quantized to 8 bits, 384 dimensions). The ONNX model ships inside the jar, so it needs no network
 * and no LLM slot. The quantized model is a quarter of the size and classifies the eval set exactly
 * as the full one did (docs/benchmarks.md). It runs on the calling thread ({@link
 * SingleThreadEncoder}). One instance per process: loading it takes a moment, so start-up warms it
 * before the first request.
 */
@Singleton
public class LocalEmbeddings {
  /** The model name clients use on {@code /v1/embeddings}. */
  public static final String MODEL_NAME = "coracle-embed";

  public static final int DIMENSIONS = 384;

  private static final int RECENT_TEXTS = 512;

  static {
    // The tokenizer library (DJL) otherwise probes the cloud metadata address and may report
    // usage when it loads. coracle makes no calls the user did not ask for.
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
  }

  private final SentenceModel sentenceModel = SentenceModel.chosen();

  /** Loaded on first use (or by {@link #warmUp()}), so creating this bean costs nothing. */
  private volatile EmbeddingModel model;

  /**
   * Calls into the model (native ONNX Runtime code) hold the read side; {@link #close} takes the
   * write side, so it waits for them to return and lets none start after it.
   */
  private final ReentrantReadWriteLock nativeCalls = new ReentrantReadWriteLock();

  private volatile boolean closed;

  /**
   * Waits up to {@code wait} for every call into the model to return, then refuses new ones. A
   * process must not exit while a thread is inside the native library: its exit handlers then crash
   * the JVM. Calling it again does nothing.
   *
   * @return false when calls were still running after {@code wait}
   */
  public boolean close(Duration wait) {
    try {
      if (!nativeCalls.writeLock().tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        closed = true;
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
      return false;
    }
    try {
      closed = true;
      return true;
    } finally {
      nativeCalls.writeLock().unlock();
    }
  }

  /** Closes when the application context closes; the server closes it earlier, with a bound. */
  @PreDestroy
  void close() {
    close(Duration.ofSeconds(30));
  }

  /** Runs {@code call} on the model unless it is closed, so close can wait for it. */
  private <T> T withModel(Function<EmbeddingModel, T> call) {
    nativeCalls.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the embedding model is closed: coracle is stopping");
      }
      return call.apply(model());
    } finally {
      nativeCalls.readLock().unlock();
    }
  }

  private EmbeddingModel model() {
    EmbeddingModel loaded = model;
    if (loaded == null) {
      synchronized (this) {
        loaded = model;
        if (loaded == null) {
          loaded = new SingleThreadEncoder(sentenceModel);
          model = loaded;
        }
      }
    }
    return loaded;
  }

  /** The model this instance loads. */
  public SentenceModel sentenceModel() {
    return sentenceModel;
  }

  /** Runs the model once so the first real request does not pay for the JIT and ONNX set-up. */
  public void warmUp() {
    embed("warm up the embedding model");
  }

  /**
   * Recent texts and their vectors. A chat embeds the same prompt more than once (the cache looks
   * it up, then stores the answer under it), and each embedding costs milliseconds.
   */
  private final Map<String, float[]> recent =
      Collections.synchronizedMap(
          new LinkedHashMap<>(RECENT_TEXTS, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
              return size() > RECENT_TEXTS;
            }
          });

  /**
   * A unit-length vector for {@code text}, or the zero vector when the model finds nothing to read
   * in it ({@link #canRead}): such a text has no direction and is similar to nothing. Callers must
   * not modify the returned array.
   */
  public float[] embed(String text) {
    if (!canRead(text)) {
      return new float[DIMENSIONS];
    }
    float[] known = recent.get(text);
    if (known != null) {
      return known;
    }
    float[] vector =
        normalize(withModel(model -> model.embed(sentenceModel.prefixed(text))).content().vector());
    recent.put(text, vector);
    return vector;
  }

  public List<float[]> embedAll(List<String> texts) {
    return embedBatch(texts).vectors();
  }

  /**
   * Unit-length vectors for several texts, with the word pieces the model read.
   *
   * @throws IllegalArgumentException when the model can read nothing in one of them ({@link
   *     #canRead}); callers check first
   */
  public Batch embedBatch(List<String> texts) {
    for (int i = 0; i < texts.size(); i++) {
      if (!canRead(texts.get(i))) {
        throw new IllegalArgumentException("text " + i + " has nothing the model can read");
      }
    }
    List<TextSegment> segments =
        texts.stream().map(t -> TextSegment.from(sentenceModel.prefixed(t))).toList();
    Response<List<Embedding>> response = withModel(model -> model.embedAll(segments));
    List<float[]> vectors =
        response.content().stream().map(Embedding::vector).map(LocalEmbeddings::normalize).toList();
    TokenUsage usage = response.tokenUsage();
    int tokens = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    return new Batch(vectors, tokens);
  }

  /**
   * True when the model finds a word piece in {@code text}. Its tokenizer drops whitespace,
   * control, format, private-use and unassigned characters, lone surrogates, combining marks (it
   * strips accents) and U+FFFD; a text of nothing else gives it no word piece, and it refuses to
   * embed it.
   */
  public static boolean canRead(String text) {
    return text != null && text.codePoints().anyMatch(LocalEmbeddings::isRead);
  }

  private static boolean isRead(int codePoint) {
    if (codePoint == 0xFFFD
        || Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint)) {
      return false;
    }
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.NON_SPACING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.ENCLOSING_MARK ->
          false;
      default -> true;
    };
  }

  /** Embeddings of a batch, in input order, and the input tokens they took. */
  public record Batch(List<float[]> vectors, int inputTokens) {}

  /** Cosine similarity of two unit-length vectors: their dot product. */
  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }

  private static float[] normalize(float[] vector) {
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm == 0) {
      return vector;
    }
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = (float) (vector[i] / norm);
    }
    return unit;
  }
}
