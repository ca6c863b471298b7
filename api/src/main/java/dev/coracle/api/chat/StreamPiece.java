package dev.coracle.api.chat;

/**
 * One piece of a streamed answer as the model activity published it, before any door gives it its
 * wire shape.
 */
public sealed interface StreamPiece {

  /** Answer text. */
  record Text(String text) implements StreamPiece {}

  /**
   * A piece of a tool call. The first piece of each call carries its id and name; later pieces
   * carry only more of the arguments' JSON text.
   *
   * @param index the call's position in the answer, from 0
   */
  record ToolCallPiece(int index, String id, String name, String argumentsFragment)
      implements StreamPiece {}
}
