package dev.coracle.activities.tools;

import java.util.List;

/**
 * Tools that are not beans because they are only known at run time, such as those of the MCP
 * servers in {@code mcp.yml}. The registry asks every source each time it lists or finds a tool, so
 * a source may change its answer without a restart.
 */
public interface ToolSource {

  /** The tools this source offers now; never throws for a source that is unreachable. */
  List<Tool> tools();
}
