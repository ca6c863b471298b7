package dev.coracle.activities.tools;

import java.util.List;

/**
 * A place inside the workspace as names below its root, with no {@code .}, {@code ..} or link among
 * them: what {@link WorkspaceJail#locate} made of a model's path. It is opened by walking the names
 * one by one through directory handles, never as a path string.
 *
 * @param names the components below the root; empty for the root itself
 */
public record JailPath(List<String> names) {

  public JailPath {
    names = List.copyOf(names);
  }

  public boolean isRoot() {
    return names.isEmpty();
  }

  /** The last name; the root has none. */
  public String name() {
    return names.get(names.size() - 1);
  }

  public JailPath parent() {
    return new JailPath(names.subList(0, names.size() - 1));
  }

  public JailPath child(String name) {
    List<String> child = new java.util.ArrayList<>(names);
    child.add(name);
    return new JailPath(child);
  }

  /** As the model sees paths: relative, with {@code /}, and {@code .} for the root. */
  @Override
  public String toString() {
    return names.isEmpty() ? "." : String.join("/", names);
  }
}
