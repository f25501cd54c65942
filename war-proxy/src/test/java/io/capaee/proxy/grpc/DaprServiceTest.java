// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.security.Access;
import io.capaee.api.security.AccessPolicy;
import io.capaee.api.security.SecuritySettings;
import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.lock.Locks;
import io.capaee.proxy.metadata.MetadataAttributes;
import io.capaee.proxy.metadata.MetadataSnapshot;
import io.capaee.proxy.pubsub.FakeBroker;
import io.capaee.proxy.pubsub.Publisher;
import io.capaee.proxy.shutdown.ServerShutdown;
import io.capaee.proxy.state.StateStores;
import io.dapr.v1.CommonProtos;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gRPC API over a real loopback connection, on a state store in memory: answers, refusals and their codes. */
class DaprServiceTest {
    private static final String TOKEN = "grpc-test-token";

    private final FakeStateStore store = new FakeStateStore();
    private final FakeStateStore listless = new FakeStateStore(false);
    private final List<String> published = new ArrayList<>();
    private final AtomicInteger stops = new AtomicInteger();
    private Server server;
    private ManagedChannel channel;

    private DaprGrpc.DaprBlockingStub start(List<String> appTokens) throws Exception {
        JndiComponents components = new JndiComponents() {
            @Override
            public <T> Optional<T> find(String kind, String name, Class<T> type) {
                if (kind.equals("pubsub") && name.equals("pubsub")) {
                    return Optional.of(type.cast(new FakeBroker(published)));
                }
                if (kind.equals("state") && name.equals("listless")) {
                    return Optional.of(type.cast(listless));
                }
                return kind.equals("state") && name.equals("statestore") ? Optional.of(type.cast(store)) : Optional.empty();
            }
        };
        StateStores state = new StateStores(components);
        Locks locks = new Locks(components, 3600);
        var service = DaprService.of(List.of(new StateCalls(state), new BindingCalls((name, request) -> request.operation().equals("create")
                ? BindingResponse.empty(Map.of("key", request.metadata("key")))
                : new BindingResponse(request.data(), Map.of())), new LockCalls(locks),
                new MetadataCalls("grpc-test", () -> new MetadataSnapshot(List.of(), List.of()), new MetadataAttributes()),
                new PublishCalls(new Publisher(components, "grpc-test")), new ShutdownCalls(new ServerShutdown(false, stops::incrementAndGet))));
        AccessPolicy policy = new AccessPolicy(new SecuritySettings(List.of(), appTokens, true, Access.PUBLIC));
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
                .addService(ServerInterceptors.intercept(service, new GrpcAccess(() -> policy))).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        return DaprGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static CommonProtos.StateItem item(String key, String json, String etag) {
        CommonProtos.StateItem.Builder item = CommonProtos.StateItem.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(json));
        if (etag != null) {
            item.setEtag(CommonProtos.Etag.newBuilder().setValue(etag));
        }
        return item.build();
    }

    private static DaprProtos.SaveStateRequest save(CommonProtos.StateItem item) {
        return DaprProtos.SaveStateRequest.newBuilder().setStoreName("statestore").addStates(item).build();
    }

    private static String reason(StatusRuntimeException e) throws Exception {
        return StatusProto.fromThrowable(e).getDetails(0).unpack(ErrorInfo.class).getReason();
    }

    @Test
    void aSavedValueComesBackWithItsEtagAndAStaleEtagIsAborted() throws Exception {
        var dapr = start(List.of());
        dapr.saveState(save(item("k1", "{\"n\":1}", null)));
        var got = dapr.getState(DaprProtos.GetStateRequest.newBuilder().setStoreName("statestore").setKey("k1").build());
        assertEquals("{\"n\":1}", got.getData().toStringUtf8());
        String etag = got.getEtag();
        assertTrue(!etag.isEmpty(), "an etag");

        dapr.saveState(save(item("k1", "{\"n\":2}", etag)));
        var stale = assertThrows(StatusRuntimeException.class, () -> dapr.saveState(save(item("k1", "{\"n\":3}", etag))));
        assertEquals(Status.Code.ABORTED, stale.getStatus().getCode());
        assertTrue(stale.getStatus().getDescription().contains("etag mismatch"), stale.getStatus().getDescription());
        assertEquals("ERR_STATE_SAVE", reason(stale));
        assertEquals("{\"n\":2}", store.entries.get("k1").value());
    }

    @Test
    void aMissingKeyIsAnEmptyAnswerAndBulkGetKeepsTheOrderAsked() throws Exception {
        var dapr = start(List.of());
        dapr.saveState(save(item("b", "2", null)));
        var none = dapr.getState(DaprProtos.GetStateRequest.newBuilder().setStoreName("statestore").setKey("nothing").build());
        assertTrue(none.getData().isEmpty() && none.getEtag().isEmpty());
        var bulk = dapr.getBulkState(DaprProtos.GetBulkStateRequest.newBuilder().setStoreName("statestore").addKeys("a").addKeys("b").build());
        assertEquals(List.of("a", "b"), bulk.getItemsList().stream().map(DaprProtos.BulkStateItem::getKey).toList());
        assertTrue(bulk.getItems(0).getData().isEmpty());
        assertEquals("2", bulk.getItems(1).getData().toStringUtf8());
    }

    @Test
    void aTransactionAppliesUpsertsAndDeletesAndRefusesAnUnknownOperationNamingIt() throws Exception {
        var dapr = start(List.of());
        dapr.saveState(save(item("gone", "1", null)));
        dapr.executeStateTransaction(DaprProtos.ExecuteStateTransactionRequest.newBuilder().setStoreName("statestore")
                .addOperations(DaprProtos.TransactionalStateOperation.newBuilder().setOperationType("upsert").setRequest(item("t1", "\"x\"", null)))
                .addOperations(DaprProtos.TransactionalStateOperation.newBuilder().setOperationType("delete")
                        .setRequest(CommonProtos.StateItem.newBuilder().setKey("gone")))
                .build());
        assertEquals("\"x\"", store.entries.get("t1").value());
        assertTrue(!store.entries.containsKey("gone"));

        var e = assertThrows(StatusRuntimeException.class, () -> dapr.executeStateTransaction(DaprProtos.ExecuteStateTransactionRequest
                .newBuilder().setStoreName("statestore").addOperations(DaprProtos.TransactionalStateOperation.newBuilder()
                        .setOperationType("merge").setRequest(item("t2", "1", null))).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("'merge'"), e.getStatus().getDescription());
    }

    @Test
    void anUnknownStoreIsNotFoundNamingTheStore() throws Exception {
        var dapr = start(List.of());
        var e = assertThrows(StatusRuntimeException.class, () -> dapr.getState(
                DaprProtos.GetStateRequest.newBuilder().setStoreName("nostore").setKey("k").build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("nostore"), e.getStatus().getDescription());
        assertEquals("ERR_STATE_STORE_NOT_FOUND", reason(e));
        var lock = assertThrows(StatusRuntimeException.class, () -> dapr.tryLockAlpha1(DaprProtos.TryLockRequest.newBuilder()
                .setStoreName("nolocks").setResourceId("r").setLockOwner("o").setExpiryInSeconds(10).build()));
        assertEquals(Status.Code.NOT_FOUND, lock.getStatus().getCode());
    }

    @Test
    void aValueThatIsNotUtf8IsRefusedNamingTheKey() throws Exception {
        var dapr = start(List.of());
        var bad = CommonProtos.StateItem.newBuilder().setKey("bin").setValue(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xfe})).build();
        var e = assertThrows(StatusRuntimeException.class, () -> dapr.saveState(save(bad)));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("'bin'"), e.getStatus().getDescription());
    }

    @Test
    void aLockExpiryOfZeroIsInvalid() throws Exception {
        var dapr = start(List.of());
        var e = assertThrows(StatusRuntimeException.class, () -> dapr.tryLockAlpha1(DaprProtos.TryLockRequest.newBuilder()
                .setStoreName("nolocks").setResourceId("r").setLockOwner("o").setExpiryInSeconds(0).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("expiryInSeconds"), e.getStatus().getDescription());
    }

    @Test
    void aCallThisServerDoesNotImplementAnswersUnimplementedAtOnce() throws Exception {
        var dapr = start(List.of());
        long started = System.nanoTime();
        var e = assertThrows(StatusRuntimeException.class, () -> dapr.getWorkflowBeta1(DaprProtos.GetWorkflowRequest.newBuilder()
                .setInstanceId("w1").build()));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("GetWorkflowBeta1"), e.getStatus().getDescription());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "answered promptly");
    }

    @Test
    void twoPartsThatAnswerTheSameMethodAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> DaprService.of(List.of(
                new MetadataCalls("a", () -> null, null), new MetadataCalls("b", () -> null, null))));
        assertTrue(e.getMessage().contains("GetMetadata"), e.getMessage());
    }

    @Test
    void withATokenConfiguredALoopbackCallNeedsItInItsMetadata() throws Exception {
        var dapr = start(List.of(TOKEN));
        var request = DaprProtos.GetStateRequest.newBuilder().setStoreName("statestore").setKey("k").build();
        var none = assertThrows(StatusRuntimeException.class, () -> dapr.getState(request));
        assertEquals(Status.Code.UNAUTHENTICATED, none.getStatus().getCode());
        assertTrue(none.getStatus().getDescription().contains("dapr-api-token"), none.getStatus().getDescription());

        var wrong = assertThrows(StatusRuntimeException.class, () -> dapr.withInterceptors(token("not-it")).getState(request));
        assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());

        assertTrue(dapr.withInterceptors(token(TOKEN)).getState(request).getData().isEmpty());
    }

    private static io.grpc.ClientInterceptor token(String value) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("dapr-api-token", Metadata.ASCII_STRING_MARSHALLER), value);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    @Test
    void aBindingThatAnswersNoDataIsAnEmptyAnswerWithItsMetadata() throws Exception {
        var dapr = start(List.of());
        var created = dapr.invokeBinding(DaprProtos.InvokeBindingRequest.newBuilder().setName("memory").setOperation("create")
                .setData(ByteString.copyFromUtf8("x")).putMetadata("key", "k").build());
        assertTrue(created.getData().isEmpty());
        assertEquals("k", created.getMetadataMap().get("key"));
        var echoed = dapr.invokeBinding(DaprProtos.InvokeBindingRequest.newBuilder().setName("memory").setOperation("get")
                .setData(ByteString.copyFromUtf8("back")).build());
        assertEquals("back", echoed.getData().toStringUtf8());
        var noOperation = assertThrows(StatusRuntimeException.class, () -> dapr.invokeBinding(
                DaprProtos.InvokeBindingRequest.newBuilder().setName("memory").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, noOperation.getStatus().getCode());
    }

    @Test
    void metadataNamesTheAppAndTheRuntime() throws Exception {
        var dapr = start(List.of());
        var metadata = dapr.getMetadata(DaprProtos.GetMetadataRequest.getDefaultInstance());
        assertEquals("grpc-test", metadata.getId());
        assertEquals(MetadataSnapshot.RUNTIME_VERSION, metadata.getRuntimeVersion());
    }

    @Test
    void metadataSetOverGrpcShowsInTheExtendedMetadata() throws Exception {
        var dapr = start(List.of());
        dapr.setMetadata(DaprProtos.SetMetadataRequest.newBuilder().setKey("team").setValue("payments").build());
        var extended = dapr.getMetadata(DaprProtos.GetMetadataRequest.getDefaultInstance()).getExtendedMetadataMap();
        assertEquals("payments", extended.get("team"));
        assertEquals(MetadataSnapshot.RUNTIME_VERSION, extended.get("daprRuntimeVersion"));
        var big = assertThrows(StatusRuntimeException.class, () -> dapr.setMetadata(DaprProtos.SetMetadataRequest.newBuilder()
                .setKey("big").setValue("x".repeat(100_000)).build()));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, big.getStatus().getCode());
        assertEquals("ERR_METADATA_SET", reason(big));
    }

    @Test
    void shutdownIsRefusedUnlessAllowedAndStopsNothing() throws Exception {
        var dapr = start(List.of());
        var e = assertThrows(StatusRuntimeException.class, () -> dapr.shutdown(DaprProtos.ShutdownRequest.getDefaultInstance()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("ERR_SHUTDOWN_DISABLED", reason(e));
        assertEquals(0, stops.get());
    }

    @Test
    void bulkPublishAnswersTheEntriesTheBrokerRefusedWithStatusOk() throws Exception {
        var dapr = start(List.of());
        var response = dapr.bulkPublishEventAlpha1(DaprProtos.BulkPublishRequest.newBuilder().setPubsubName("pubsub").setTopic("orders")
                .addEntries(bulkEntry("a", "{\"n\":1}")).addEntries(bulkEntry("b", "{\"refuse\":true}")).addEntries(bulkEntry("c", "{\"n\":3}"))
                .build());
        assertEquals(List.of("b"), response.getFailedEntriesList().stream().map(DaprProtos.BulkPublishResponseFailedEntry::getEntryId).toList());
        assertEquals(2, published.size());
        assertTrue(published.get(0).contains("\"data\":{\"n\":1}"), published.get(0));

        var repeated = assertThrows(StatusRuntimeException.class, () -> dapr.bulkPublishEventAlpha1(DaprProtos.BulkPublishRequest
                .newBuilder().setPubsubName("pubsub").setTopic("orders").addEntries(bulkEntry("a", "1")).addEntries(bulkEntry("a", "2")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, repeated.getStatus().getCode());
        assertEquals("ERR_PUBSUB_EVENTS_SER", reason(repeated));
        var unknown = assertThrows(StatusRuntimeException.class, () -> dapr.bulkPublishEventAlpha1(DaprProtos.BulkPublishRequest
                .newBuilder().setPubsubName("nope").setTopic("orders").addEntries(bulkEntry("a", "1")).build()));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
    }

    private static DaprProtos.BulkPublishRequestEntry bulkEntry(String id, String json) {
        return DaprProtos.BulkPublishRequestEntry.newBuilder().setEntryId(id).setEvent(ByteString.copyFromUtf8(json))
                .setContentType("application/json").build();
    }

    @Test
    void aQueryAnswersMatchingEntriesAPageAtATime() throws Exception {
        var dapr = start(List.of());
        dapr.saveState(save(item("a", "{\"org\":\"ops\",\"n\":3}", null)));
        dapr.saveState(save(item("b", "{\"org\":\"dev\",\"n\":2}", null)));
        dapr.saveState(save(item("c", "{\"org\":\"ops\",\"n\":1}", null)));
        String query = "{\"filter\":{\"EQ\":{\"org\":\"ops\"}},\"sort\":[{\"key\":\"n\"}],\"page\":{\"limit\":1%s}}";
        var first = dapr.queryStateAlpha1(DaprProtos.QueryStateRequest.newBuilder().setStoreName("statestore")
                .setQuery(String.format(query, "")).build());
        assertEquals(List.of("c"), first.getResultsList().stream().map(DaprProtos.QueryStateItem::getKey).toList());
        assertEquals("{\"org\":\"ops\",\"n\":1}", first.getResults(0).getData().toStringUtf8());
        assertEquals(store.entries.get("c").etag(), first.getResults(0).getEtag());
        var second = dapr.queryStateAlpha1(DaprProtos.QueryStateRequest.newBuilder().setStoreName("statestore")
                .setQuery(String.format(query, ",\"token\":\"" + first.getToken() + "\"")).build());
        assertEquals(List.of("a"), second.getResultsList().stream().map(DaprProtos.QueryStateItem::getKey).toList());
        assertTrue(second.getToken().isEmpty(), "no page after the last");
    }

    @Test
    void aBadQueryIsInvalidAndAStoreThatCannotListItsEntriesIsNotSupported() throws Exception {
        var dapr = start(List.of());
        var bad = assertThrows(StatusRuntimeException.class, () -> dapr.queryStateAlpha1(DaprProtos.QueryStateRequest.newBuilder()
                .setStoreName("statestore").setQuery("{\"filter\":{\"LIKE\":{\"a\":1}}}").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, bad.getStatus().getCode());
        assertTrue(bad.getStatus().getDescription().contains("'LIKE'"), bad.getStatus().getDescription());
        assertEquals("ERR_STATE_QUERY", reason(bad));
        var unsupported = assertThrows(StatusRuntimeException.class, () -> dapr.queryStateAlpha1(DaprProtos.QueryStateRequest.newBuilder()
                .setStoreName("listless").setQuery("{}").build()));
        assertEquals(Status.Code.INTERNAL, unsupported.getStatus().getCode());
        assertEquals("ERR_STATE_STORE_NOT_SUPPORTED", reason(unsupported));
    }
}
