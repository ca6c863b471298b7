package dev.coracle.workflows.chat;

/**
 * A function call the model asked for, or one an assistant message carries back.
 *
 * @param arguments the arguments as the model wrote them: JSON text, passed through unparsed
 */
public record ToolCall(String id, String name, String arguments) {}
