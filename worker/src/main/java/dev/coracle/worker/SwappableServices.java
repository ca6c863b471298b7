package dev.coracle.worker;

import io.grpc.HandlerRegistry;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The services a server answers with, replaced all at once: a call is looked up in one immutable
 * map, so it finds either the old server's method or the new one's, never a gap between them.
 */
final class SwappableServices extends HandlerRegistry {
  private volatile Map<String, ServerMethodDefinition<?, ?>> methods = Map.of();

  void replaceWith(List<ServerServiceDefinition> services) {
    Map<String, ServerMethodDefinition<?, ?>> next = new HashMap<>();
    for (ServerServiceDefinition service : services) {
      for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
        next.put(method.getMethodDescriptor().getFullMethodName(), method);
      }
    }
    methods = Map.copyOf(next);
  }

  @Override
  public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
    return methods.get(methodName);
  }
}
