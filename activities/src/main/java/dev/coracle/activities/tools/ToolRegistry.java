package dev.coracle.activities.tools;

import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.job.JobToolset;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every {@link Tool} bean, by name, and the tools {@link ToolSource}s offer at the moment. */
@Singleton
public class ToolRegistry {

  private final Map<String, Tool> tools = new TreeMap<>();
  private final List<ToolSource> sources;

  public ToolRegistry(List<Tool> tools) {
    this(tools, List.of());
  }

  @Inject
  public ToolRegistry(List<Tool> tools, List<ToolSource> sources) {
    this.sources = List.copyOf(sources);
    for (Tool tool : tools) {
      Tool earlier = this.tools.put(tool.name(), tool);
      if (earlier != null) {
        throw new IllegalStateException(
            "two tools are named "
                + tool.name()
                + ": "
                + earlier.getClass().getName()
                + " and "
                + tool.getClass().getName());
      }
    }
  }

  public Optional<Tool> find(String name) {
    return Optional.ofNullable(name).map(current()::get);
  }

  /** All tools, sorted by name, so the definitions a model sees do not change between runs. */
  public List<Tool> all() {
    return List.copyOf(current().values());
  }

  /**
   * The beans and what the sources offer now. A source's tool never replaces a bean of the same
   * name: the built-in tools are what coracle's own prompts and guardrails rely on.
   */
  private Map<String, Tool> current() {
    if (sources.isEmpty()) {
      return tools;
    }
    Map<String, Tool> all = new TreeMap<>(tools);
    for (ToolSource source : sources) {
      for (Tool tool : new ArrayList<>(source.tools())) {
        all.putIfAbsent(tool.name(), tool);
      }
    }
    return all;
  }

  /** The definitions of the tools a job of this class gets, and which of them are idempotent. */
  public JobToolset toolset(RequestClass requestClass) {
    List<Tool> available =
        current().values().stream().filter(tool -> tool.availableFor(requestClass)).toList();
    return new JobToolset(
        available.stream().map(Tool::definition).toList(),
        available.stream().filter(Tool::idempotent).map(Tool::name).toList());
  }
}
