// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import io.capaee.proxy.service.ProxyConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one upstream HTTP client of the proxy: the JDK's non-blocking {@link HttpClient}
 * (HTTP/1.1, keep-alive connection pool per upstream, redirects not followed, no cookies) on
 * threads of the container's managed thread factory, plus the round-robin and health state.
 */
@ApplicationScoped
public class ForwardClient {
    @Resource
    ManagedThreadFactory threads;

    @Inject
    ProxyConfig config;

    private ExecutorService executor;
    private HttpClient client;
    private Upstreams upstreams;

    @PostConstruct
    void start() {
        // a cached pool: the client's tasks are short, but body copies may block on a slow peer
        executor = new ThreadPoolExecutor(0, 512, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .executor(executor)
                .build();
        upstreams = new Upstreams(config.unhealthyFor(), System::nanoTime);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    HttpClient client() {
        return client;
    }

    Upstreams upstreams() {
        return upstreams;
    }

    Duration responseTimeout() {
        return config.responseTimeout();
    }
}
