// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capaee.api.connect.ConnectorKind;
import io.capaee.api.connect.ConnectorStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapabilityMetricsTest {
    private final FakeRegistry fake = new FakeRegistry();

    @Test
    void actorCallsCountPerTypeWithErrorsAndTimes() {
        ActorMetrics.Recorder counter = new ActorMetrics(fake.registry).recorder("Counter", () -> 0, () -> 0);
        counter.call(1_000, false);
        counter.call(2_000, true);
        counter.reminderFired();
        assertEquals(2, fake.count("capa.actor.calls{type=Counter}"));
        assertEquals(1, fake.count("capa.actor.errors{type=Counter}"));
        assertEquals(2, fake.count("capa.actor.duration{type=Counter}"));
        assertEquals(1, fake.count("capa.actor.reminders.fired{type=Counter}"));
    }

    @Test
    void actorQueueDepthAndArmedRemindersAreGaugesPerTypeReadWhenScraped() {
        java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
        new ActorMetrics(fake.registry).recorder("Counter", queued::get, () -> 2);
        queued.set(5);
        assertEquals(5, fake.gauges.get("capa.actor.queued{type=Counter}").get().intValue());
        assertEquals(2, fake.gauges.get("capa.actor.reminders{type=Counter}").get().intValue());
    }

    @Test
    void bindingMetricsAreLookedUpOncePerBinding() {
        BindingMetrics metrics = new BindingMetrics(fake.registry);
        for (int i = 0; i < 5; i++) {
            metrics.invoked("orders", 10, i == 4);
        }
        metrics.invoked("audit", 10, false);
        metrics.delivered("orders", false);
        metrics.delivered("orders", true);
        assertEquals(5, fake.count("capa.binding.invocations{binding=orders}"));
        assertEquals(1, fake.count("capa.binding.errors{binding=orders}"));
        assertEquals(1, fake.count("capa.binding.invocations{binding=audit}"));
        assertEquals(2, fake.count("capa.binding.deliveries{binding=orders}"));
        assertEquals(1, fake.count("capa.binding.delivery.errors{binding=orders}"));
        assertEquals(1, fake.lookups.get("capa.binding.invocations{binding=orders}").get());
    }

    @Test
    void pubSubCountsPublishesDeliveriesFailuresAndDeadLettersPerTopic() {
        PubSubMetrics metrics = new PubSubMetrics(fake.registry);
        metrics.published("orders", "new", false);
        metrics.published("orders", "new", false);
        metrics.published("orders", "new", true);
        metrics.attempted("orders", "new", false);
        metrics.attempted("orders", "new", true);
        metrics.deadLettered("orders", "old");
        assertEquals(2, fake.count("capa.pubsub.published{pubsub=orders,topic=new}"));
        assertEquals(1, fake.count("capa.pubsub.publish.errors{pubsub=orders,topic=new}"));
        assertEquals(1, fake.count("capa.pubsub.delivered{pubsub=orders,topic=new}"));
        assertEquals(1, fake.count("capa.pubsub.delivery.failures{pubsub=orders,topic=new}"));
        assertEquals(1, fake.count("capa.pubsub.dead.letters{pubsub=orders,topic=old}"));
        assertEquals(0, fake.count("capa.pubsub.dead.letters{pubsub=orders,topic=new}"));
    }

    @Test
    void connectorCountersFollowSnapshotsAndStartAgainAfterARedeploy() {
        ConnectorMetrics metrics = new ConnectorMetrics(fake.registry);
        metrics.update(List.of(status("c1", ConnectorStatus.State.RUNNING, 5, 4, 1, 0)));
        metrics.update(List.of(status("c1", ConnectorStatus.State.RUNNING, 9, 8, 1, 1)));
        assertEquals(9, fake.count("capa.connector.messages.in{connector=c1}"));
        assertEquals(8, fake.count("capa.connector.messages.out{connector=c1}"));
        assertEquals(1, fake.count("capa.connector.errors{connector=c1}"));
        assertEquals(1, fake.count("capa.connector.dead.letters{connector=c1}"));
        assertEquals(1, fake.gauges.get("capa.connector.running{connector=c1}").get().intValue());

        metrics.update(List.of()); // deleted
        assertEquals(0, fake.gauges.get("capa.connector.running{connector=c1}").get().intValue());
        metrics.update(List.of(status("c1", ConnectorStatus.State.STOPPED, 2, 2, 0, 0))); // deployed again
        assertEquals(11, fake.count("capa.connector.messages.in{connector=c1}"));
        assertEquals(0, fake.gauges.get("capa.connector.running{connector=c1}").get().intValue());
    }

    @Test
    void aConnectorsLagFollowsItsSnapshotsAndIsMinusOneOnceDeleted() {
        ConnectorMetrics metrics = new ConnectorMetrics(fake.registry);
        metrics.update(List.of(new ConnectorStatus("c2", "", ConnectorKind.values()[0], ConnectorStatus.State.RUNNING, true,
                "kafka", "nats", 0, 0, 0, 0, 0, 12, null, null, "api")));
        assertEquals(12, fake.gauges.get("capa.connector.lag{connector=c2}").get().longValue());
        metrics.update(List.of());
        assertEquals(-1, fake.gauges.get("capa.connector.lag{connector=c2}").get().longValue());
    }

    @Test
    void inputBindingDeadLettersFollowTheAdaptersCountsAndTheLagItsReadings() {
        InboundMetrics metrics = new InboundMetrics(fake.registry);
        metrics.update(Map.of("KafkaInputBinding", 2L, "NatsInputBinding", 0L), Map.of("KafkaInputBinding", 30L));
        metrics.update(Map.of("KafkaInputBinding", 5L, "NatsInputBinding", 0L), Map.of("KafkaInputBinding", 4L));
        assertEquals(5, fake.count("capa.binding.dead.letters{binding=KafkaInputBinding}"));
        assertEquals(4, fake.gauges.get("capa.binding.lag{binding=KafkaInputBinding}").get().longValue());
        assertEquals(-1, fake.gauges.get("capa.binding.lag{binding=NatsInputBinding}").get().longValue(), "NATS core has no lag");

        metrics.update(Map.of(), Map.of()); // deactivated
        assertEquals(-1, fake.gauges.get("capa.binding.lag{binding=KafkaInputBinding}").get().longValue());
        metrics.update(Map.of("KafkaInputBinding", 1L), Map.of()); // activated again: counts from 0
        assertEquals(6, fake.count("capa.binding.dead.letters{binding=KafkaInputBinding}"));
    }

    @Test
    void aSubscriptionsLagFollowsItsReadingsAndIsMinusOneWithoutOne() {
        PubSubMetrics metrics = new PubSubMetrics(fake.registry);
        metrics.lag(Map.of("kafka/orders/eu", 9L));
        assertEquals(9, fake.gauges.get("capa.pubsub.lag{pubsub=kafka,topic=orders/eu}").get().longValue());
        metrics.lag(Map.of());
        assertEquals(-1, fake.gauges.get("capa.pubsub.lag{pubsub=kafka,topic=orders/eu}").get().longValue());
    }

    @Test
    void registryCountsTransfersAndBytes() {
        RegistryMetrics metrics = new RegistryMetrics(fake.registry);
        metrics.uploaded(100);
        metrics.downloaded(100);
        metrics.downloaded(50);
        assertEquals(1, fake.count("capa.registry.uploads{}"));
        assertEquals(100, fake.count("capa.registry.uploaded{}"));
        assertEquals(2, fake.count("capa.registry.downloads{}"));
        assertEquals(150, fake.count("capa.registry.downloaded{}"));
    }

    @Test
    void proxyCountsRequestsAndServerErrorsPerRouteAndShowsUnhealthyUpstreams() {
        ProxyMetrics metrics = new ProxyMetrics(fake.registry, () -> 2);
        metrics.forwarded("hello", "v1", 200, 1_000);
        metrics.forwarded("hello", "v1", 404, 1_000);
        metrics.forwarded("hello", "v1", 502, 1_000);
        assertEquals(3, fake.count("capa.proxy.requests{function=hello,revision=v1}"));
        assertEquals(1, fake.count("capa.proxy.errors{function=hello,revision=v1}"));
        assertEquals(3, fake.count("capa.proxy.duration{function=hello,revision=v1}"));
        assertEquals(2, fake.gauges.get("capa.proxy.upstreams.unhealthy{}").get().intValue());
    }

    private static ConnectorStatus status(String id, ConnectorStatus.State state, long in, long out, long errors, long dead) {
        return new ConnectorStatus(id, "", ConnectorKind.values()[0], state, true, "in", "out", 0, in, out, errors, dead, -1, null, null, "api");
    }
}
