package dev.coracle.activities.embeddings;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The quantized all-MiniLM-L6-v2 that LangChain4j ships, opened with ONNX Runtime options suited to
 * a daemon that embeds one short prompt at a time.
 *
 * <p>LangChain4j opens the model with ONNX Runtime's defaults, which keep a growing memory arena
 * and pre-planned buffers for the largest input seen so far, and start one compute thread per core.
 * For prompts of a few hundred word pieces that costs tens of megabytes of resident memory that is
 * never given back, and buys nothing measurable: the arena is off, buffers are planned per call,
 * and one thread computes each embedding (requests run side by side anyway). docs/benchmarks.md has
 * the figures.
 */
final class LeanMiniLm extends AbstractInProcessEmbeddingModel {
  private static final String MODEL = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  private final OnnxBertBiEncoder encoder;

  LeanMiniLm() {
    super(null);
    this.encoder = open();
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  @Override
  protected Integer knownDimension() {
    return LocalEmbeddings.DIMENSIONS;
  }

  private static OnnxBertBiEncoder open() {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        InputStream tokenizer = resource(TOKENIZER)) {
      options.setCPUArenaAllocator(false);
      options.setMemoryPatternOptimization(false);
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      OrtSession session = environment.createSession(modelBytes(), options);
      return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
    } catch (OrtException | IOException e) {
      throw new IllegalStateException("the embedding model could not be opened: " + e, e);
    }
  }

  private static byte[] modelBytes() {
    try (InputStream in = resource(MODEL)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("the embedding model could not be read", e);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = LeanMiniLm.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is missing from the class path");
    }
    return in;
  }
}
