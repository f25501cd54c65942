// SPDX-License-Identifier: Apache-2.0
package io.capaee.sample;

import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.traffic.KeyValueTrafficRules;
import io.capaee.api.traffic.Router;
import io.capaee.api.traffic.TrafficClientFilter;
import io.capaee.api.traffic.TrafficMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The application's outbound HTTP client, with Capa's traffic interception registered: a call to a
 * logical name ({@code http://inventory/...}) is resolved by the server's traffic rules (the same
 * store the gateway reads, {@code capa.traffic.rules-key}) and counted in the same metrics. A
 * MicroProfile Rest Client takes the same filter: {@code RestClientBuilder.newBuilder().register(filter)}.
 */
@ApplicationScoped
public class OutboundTraffic {
    @Resource(lookup = "eis/capa/keyvalue")
    KeyValueConnectionFactory keyValue;

    @Inject
    MetricRegistry metrics;

    private Client client;

    @Produces
    @Outbound
    synchronized Client client() {
        if (client == null) {
            KeyValueTrafficRules rules = KeyValueTrafficRules.fromConfig(keyValue);
            Router router = Router.standard(rules, new TrafficMetrics(metrics, rules));
            client = ClientBuilder.newBuilder().connectTimeout(2, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS)
                    .register(new TrafficClientFilter(router)).build();
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
