package dev.lightreasoner.web;

import dev.lightreasoner.engine.ops.FailureThrottle;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import jakarta.servlet.ServletContext;
import java.time.Duration;

/**
 * Throttles failed sign-ins per client address, before authentication: the API's Basic credentials and the console's
 * sign-in form alike. After {@code lightreasoner.sign-in.max-failures} (10) failures within
 * {@code lightreasoner.sign-in.window-minutes} (15) an address gets 429 with Retry-After; accounts are never locked
 * (Elytron's per-account lockout is off: configure.cli), so nobody can lock the admin out. Behind a reverse proxy,
 * enable Undertow's proxy-address-forwarding so the address is the client's.
 */
public class SignInThrottle implements ServletExtension {
    private static final String SIGN_IN = "/api/system/sign-in";

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        FailureThrottle throttle = new FailureThrottle(Integer.getInteger("lightreasoner.sign-in.max-failures", 10),
                Duration.ofMinutes(Integer.getInteger("lightreasoner.sign-in.window-minutes", 15)), 100_000, System::nanoTime);
        deployment.addOuterHandlerChainWrapper(next -> exchange -> {
            if (!carriesCredentials(exchange)) {
                next.handleRequest(exchange);
                return;
            }
            String address = exchange.getSourceAddress().getAddress().getHostAddress();
            long wait = throttle.retryAfterSeconds(address);
            if (wait > 0) {
                exchange.setStatusCode(429);
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, wait);
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, ErrorBody.MEDIA_TYPE);
                exchange.getResponseSender().send("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                        + "\"detail\":\"too many failed sign-ins from this address: try again in " + wait + " s\"}");
                return;
            }
            // counted before the response goes out: a client that reads a 401 and retries at once is already counted
            exchange.addResponseCommitListener(committed -> {
                int status = committed.getStatusCode();
                if (status == 401) {
                    throttle.failed(address);
                } else if (status / 100 == 2 || status == 403) {        // the credentials were right
                    throttle.succeeded(address);
                }
            });
            next.handleRequest(exchange);
        });
    }

    private static boolean carriesCredentials(HttpServerExchange exchange) {
        return exchange.getRequestHeaders().contains(Headers.AUTHORIZATION) || exchange.getRequestPath().endsWith(SIGN_IN);
    }
}
