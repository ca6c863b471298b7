package dev.coracle.api.mcp;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coracle mcp list|serve}: the MCP servers coracle uses, and coracle as one. */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = "Check the MCP servers in mcp.yml, or serve coracle's job tools over stdio.",
    subcommands = {McpListCommand.class, McpServeCommand.class})
public final class McpCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
