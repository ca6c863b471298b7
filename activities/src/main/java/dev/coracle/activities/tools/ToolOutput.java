package dev.coracle.activities.tools;

import java.util.List;

/**
 * What one tool run produced, before the output is cut to the size bound.
 *
 * @param error true when the call did not do what it was asked (a command that failed or timed
 *     out), though it may still have changed files
 * @param changedFiles workspace-relative paths created, changed or deleted
 */
public record ToolOutput(String text, boolean error, List<String> changedFiles) {

  public static ToolOutput ok(String text) {
    return new ToolOutput(text, false, List.of());
  }

  public static ToolOutput error(String text) {
    return new ToolOutput(text, true, List.of());
  }
}
