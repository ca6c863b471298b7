package dev.coracle.activities.tools.web;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/**
 * Adds the HTTP port actually bound to {@link OwnPorts}: with {@code server.port: 0} the system
 * picks it, and the configuration does not know it.
 */
@Singleton
final class OwnPortsOnStartup implements ApplicationEventListener<ServerStartupEvent> {

  private final OwnPorts ownPorts;

  OwnPortsOnStartup(OwnPorts ownPorts) {
    this.ownPorts = ownPorts;
  }

  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    ownPorts.add(event.getSource().getPort(), "coracle's HTTP API and MCP endpoint (server.port)");
  }
}
