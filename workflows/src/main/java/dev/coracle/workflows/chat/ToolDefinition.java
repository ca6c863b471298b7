package dev.coracle.workflows.chat;

/**
 * A function the client offers the model.
 *
 * @param parameters the JSON schema of the arguments, as JSON text (null for none)
 * @param strict OpenAI's structured-outputs flag, passed through when set
 */
public record ToolDefinition(String name, String description, String parameters, Boolean strict) {}
