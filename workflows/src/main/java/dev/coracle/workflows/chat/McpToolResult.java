package dev.coracle.workflows.chat;

/**
 * What an MCP tool call returned, for the {@code tool} message the model reads next.
 *
 * @param error true when the call failed (the server said so, or could not be asked); {@code
 *     output} then says why, so the model can answer without it
 */
public record McpToolResult(String callId, String output, boolean error) {}
