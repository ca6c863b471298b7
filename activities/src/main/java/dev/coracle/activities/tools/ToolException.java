package dev.coracle.activities.tools;

/**
 * A call the model got wrong, or that cannot be done: a missing argument, a path outside the
 * workspace, a file that does not exist. The message is written for the model, which reads it as
 * the tool's result and can try again.
 */
public class ToolException extends RuntimeException {

  public ToolException(String message) {
    super(message);
  }
}
