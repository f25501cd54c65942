// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.dapr.v1.DaprProtos;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dapr's alpha Jobs API over gRPC: schedule, get, delete, and the refusals, on the same scheduler as the HTTP jobs API.
 * The job messages are newer than the SDK API these tests compile against (1.11), so the calls are built from the
 * descriptors of the SDK 1.16 they run with. Like {@link DaprGrpcSdkIT}, it runs in failsafe's execution
 * {@code dapr-grpc-sdk} only.
 */
class DaprGrpcSdkJobsIT {
    private static ManagedChannel channel;
    private final String name = Dapr.unique("grpc-job");

    @BeforeAll
    static void connect() {
        assumeTrue(System.getProperty("dapr.grpc.port") != null, "runs in the failsafe execution dapr-grpc-sdk only");
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", Integer.getInteger("dapr.grpc.port")).usePlaintext().build();
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Descriptor type(String name) {
        return DaprProtos.getDescriptor().findMessageTypeByName(name);
    }

    /** Calls method {@code Dapr/<method>} with a message of type {@code request}; answers the response as a dynamic message. */
    private static DynamicMessage call(String method, DynamicMessage request, String response) {
        MethodDescriptor<DynamicMessage, DynamicMessage> descriptor = MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("dapr.proto.runtime.v1.Dapr/" + method)
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(request.getDescriptorForType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(type(response)))).build();
        return ClientCalls.blockingUnaryCall(channel, descriptor, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
    }

    private static DynamicMessage named(String type, String name) {
        Descriptor t = type(type);
        return DynamicMessage.newBuilder(t).setField(t.findFieldByName("name"), name).build();
    }

    private DynamicMessage schedule(String data, boolean overwrite) {
        Descriptor job = type("Job");
        DynamicMessage.Builder b = DynamicMessage.newBuilder(job).setField(job.findFieldByName("name"), name)
                .setField(job.findFieldByName("due_time"), "1h").setField(job.findFieldByName("schedule"), "@every 2h")
                .setField(job.findFieldByName("repeats"), 3)
                .setField(job.findFieldByName("data"), Any.newBuilder().setValue(ByteString.copyFromUtf8(data)).build());
        Descriptor request = type("ScheduleJobRequest");
        return DynamicMessage.newBuilder(request).setField(request.findFieldByName("job"), b.build())
                .setField(request.findFieldByName("overwrite"), overwrite).build();
    }

    private DynamicMessage get() {
        DynamicMessage response = call("GetJobAlpha1", named("GetJobRequest", name), "GetJobResponse");
        return (DynamicMessage) response.getField(type("GetJobResponse").findFieldByName("job"));
    }

    private static Object field(DynamicMessage message, String field) {
        return message.getField(message.getDescriptorForType().findFieldByName(field));
    }

    private static String data(DynamicMessage job) throws Exception {
        return Any.parseFrom(((com.google.protobuf.Message) field(job, "data")).toByteString()).getValue().toStringUtf8();
    }

    @Test
    void aJobScheduledOverGrpcIsReadOverBothApisAndDeleted() throws Exception {
        call("ScheduleJobAlpha1", schedule("{\"report\":\"daily\"}", false), "ScheduleJobResponse");
        DynamicMessage job = get();
        assertEquals("@every 2h", field(job, "schedule"));
        assertEquals("1h", field(job, "due_time"));
        assertEquals(3, field(job, "repeats"));
        assertEquals("{\"report\":\"daily\"}", data(job));
        HttpResponse<String> http = Server.get("/v1.0-alpha1/jobs/" + name);
        assertEquals(200, http.statusCode(), http.body());
        assertTrue(http.body().contains("\"report\":\"daily\""), http.body());

        call("DeleteJobAlpha1", named("DeleteJobRequest", name), "DeleteJobResponse");
        var gone = assertThrows(StatusRuntimeException.class, this::get);
        assertEquals(Status.Code.NOT_FOUND, gone.getStatus().getCode());
        assertEquals(404, Server.get("/v1.0-alpha1/jobs/" + name).statusCode());
    }

    @Test
    void aJobThatExistsIsKeptUnlessOverwrittenAndDataThatIsNotJsonIsRefused() throws Exception {
        try {
            call("ScheduleJobAlpha1", schedule("1", false), "ScheduleJobResponse");
            var exists = assertThrows(StatusRuntimeException.class, () -> call("ScheduleJobAlpha1", schedule("2", false), "ScheduleJobResponse"));
            assertEquals(Status.Code.ABORTED, exists.getStatus().getCode(), exists.getMessage());
            call("ScheduleJobAlpha1", schedule("3", true), "ScheduleJobResponse");
            assertEquals("3", data(get()));

            var text = assertThrows(StatusRuntimeException.class, () -> call("ScheduleJobAlpha1", schedule("plain words", true), "ScheduleJobResponse"));
            assertEquals(Status.Code.INVALID_ARGUMENT, text.getStatus().getCode());
            assertTrue(text.getStatus().getDescription().contains(name), text.getStatus().getDescription());
            Descriptor request = type("ScheduleJobRequest");
            var noSchedule = assertThrows(StatusRuntimeException.class, () -> call("ScheduleJobAlpha1", DynamicMessage.newBuilder(request)
                    .setField(request.findFieldByName("job"), named("Job", name + "-x")).build(), "ScheduleJobResponse"));
            assertEquals(Status.Code.INVALID_ARGUMENT, noSchedule.getStatus().getCode());
            assertTrue(noSchedule.getStatus().getDescription().contains("schedule"), noSchedule.getStatus().getDescription());
        } finally {
            call("DeleteJobAlpha1", named("DeleteJobRequest", name), "DeleteJobResponse");
        }
        assertFalse(Server.get("/v1.0-alpha1/jobs").body().contains(name));
    }
}
