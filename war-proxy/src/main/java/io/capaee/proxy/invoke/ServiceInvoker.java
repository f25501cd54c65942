// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.invoke;

import io.capaee.proxy.dapr.DaprException;
import io.capaee.proxy.forward.PathSegments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Service invocation as the HTTP API ({@link InvokeResource}) and the gRPC API share it: the app id resolved, the
 * method path checked, the request sent to {@code {app base URL}/{method-path}?{query}} with the sidecar's own
 * token for the callee, and every failure as Dapr's {@code ERR_DIRECT_INVOKE}: 404 for an unknown app id, 400 for
 * a path that cannot be invoked, 500 when the app cannot be reached (after retries) or does not answer in time.
 * The callee's answer comes back as it is, whatever its status.
 */
@ApplicationScoped
public class ServiceInvoker {
    private static final Logger LOG = Logger.getLogger(ServiceInvoker.class.getName());

    @Inject
    AppDirectory apps;

    @Inject
    InvokeClient client;

    @Inject
    InvokeConfig config;

    /**
     * Invokes {@code methodPath} (no leading '/', percent-encoded as it came) of app {@code appId}. {@code headers} are
     * those to forward; the caller's address is added to {@code X-Forwarded-For}, so that a call relayed back into
     * this server (its own app id) is not taken for a loopback client by the access checks.
     */
    public InvokeClient.Answer invoke(String appId, String httpMethod, String methodPath, String rawQuery,
                                      Map<String, List<String>> headers, String callerAddress, byte[] body) {
        URI base = apps.resolve(appId).orElseThrow(() -> new DaprException(404, "ERR_DIRECT_INVOKE",
                "no app with id '" + appId + "': not this server's, not in capa.invoke.apps, not in the app registry"));
        Optional<String> unsafe = PathSegments.problem(methodPath);
        if (unsafe.isPresent()) {
            throw new DaprException(400, "ERR_DIRECT_INVOKE", "the method path of app '" + appId + "' cannot be invoked: "
                    + unsafe.get());
        }
        String b = base.toString();
        URI target = URI.create((b.endsWith("/") ? b : b + "/") + methodPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
        Map<String, List<String>> forwarded = new LinkedHashMap<>(headers);
        List<String> chain = new java.util.ArrayList<>();
        forwarded.entrySet().removeIf(e -> {
            if (e.getKey().equalsIgnoreCase("X-Forwarded-For")) {
                chain.addAll(e.getValue());
                return true;
            }
            return false;
        });
        chain.add(callerAddress);
        forwarded.put("X-Forwarded-For", List.of(String.join(", ", chain)));
        config.apiToken().ifPresent(token -> forwarded.put("dapr-api-token", List.of(token)));
        try {
            return client.send(target, httpMethod, forwarded, body == null ? new byte[0] : body);
        } catch (AppUnavailableException e) {
            // the detail names the app's address: for the log, the client is told the app id
            LOG.log(Level.WARNING, "app {0} is unavailable: {1}", new Object[] {appId, e.getMessage()});
            throw new DaprException(500, "ERR_DIRECT_INVOKE", "app '" + appId + "' is unavailable");
        } catch (TimeoutException e) {
            throw new DaprException(500, "ERR_DIRECT_INVOKE", "app '" + appId + "' did not answer in time");
        } catch (UncheckedIOException e) {
            LOG.log(Level.WARNING, "invoking app {0} failed: {1}", new Object[] {appId, e.getMessage()});
            throw new DaprException(500, "ERR_DIRECT_INVOKE", "invoking app '" + appId + "' failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaprException(500, "ERR_DIRECT_INVOKE", "interrupted while invoking app '" + appId + "'");
        }
    }
}
