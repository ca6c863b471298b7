package dev.coracle.api.security;

import dev.coracle.activities.config.LoadedConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one check in front of every route, present and future: {@code /v1}, {@code /api}, the event
 * streams, {@code /mcp}, {@code /health} and paths that match nothing. It runs before any other
 * filter and before the body is read, so a refused request does no work at all.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class FrontDoorFilter implements Ordered {
  private static final Logger log = LoggerFactory.getLogger(FrontDoorFilter.class);

  private final DoorPolicy policy;

  public FrontDoorFilter(LoadedConfig loaded) {
    this.policy = DoorPolicy.from(loaded.config().server());
  }

  /** A refusal, or null to let the request through. */
  @RequestFilter
  @Nullable
  public HttpResponse<String> admit(HttpRequest<?> request) {
    String path = request.getPath();
    Optional<Refusal> refusal =
        policy.judge(
            request.getMethodName(),
            path,
            request.getUri().getRawAuthority(),
            name -> request.getHeaders().getAll(name));
    if (refusal.isEmpty()) {
      return null;
    }
    log.debug("refused {} {}: {}", request.getMethodName(), path, refusal.get().code());
    if (refusal.get().status() == 401
        && "GET".equals(request.getMethodName())
        && DashboardSession.isDashboard(path)) {
      // A person opening the dashboard without its cookie is shown the login form, not JSON.
      return HttpResponse.<String>seeOther(URI.create(DashboardSession.LOGIN_PATH));
    }
    return DoorResponses.of(refusal.get(), path);
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.before();
  }
}
