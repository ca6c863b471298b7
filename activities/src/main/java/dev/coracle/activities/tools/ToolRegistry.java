package dev.coracle.activities.tools;

import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.job.JobToolset;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every {@link Tool} bean, by name. */
@Singleton
public class ToolRegistry {

  private final Map<String, Tool> tools = new TreeMap<>();

  public ToolRegistry(List<Tool> tools) {
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
    return Optional.ofNullable(name).map(tools::get);
  }

  /** All tools, sorted by name, so the definitions a model sees do not change between runs. */
  public List<Tool> all() {
    return List.copyOf(tools.values());
  }

  /** The definitions of the tools a job of this class gets, and which of them are idempotent. */
  public JobToolset toolset(RequestClass requestClass) {
    List<Tool> available =
        tools.values().stream().filter(tool -> tool.availableFor(requestClass)).toList();
    return new JobToolset(
        available.stream().map(Tool::definition).toList(),
        available.stream().filter(Tool::idempotent).map(Tool::name).toList());
  }
}
