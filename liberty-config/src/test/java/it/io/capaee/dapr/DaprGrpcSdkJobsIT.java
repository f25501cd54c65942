// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dapr's alpha Jobs API over gRPC, with the generated stub that ships in the SDK 1.16 (its preview client's job
 * calls are newer than the API these tests compile against): schedule, get, delete, and the refusals, on the same
 * scheduler as the HTTP jobs API. Like {@link DaprGrpcSdkIT}, it runs in failsafe's execution {@code dapr-grpc-sdk}.
 */
class DaprGrpcSdkJobsIT {
    private static ManagedChannel channel;
    private static DaprGrpc.DaprBlockingStub dapr;
    private final String name = Dapr.unique("grpc-job");

    @BeforeAll
    static void connect() {
        assumeTrue(System.getProperty("dapr.grpc.port") != null, "runs in the failsafe execution dapr-grpc-sdk only");
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", Integer.getInteger("dapr.grpc.port")).usePlaintext().build();
        dapr = DaprGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private DaprProtos.ScheduleJobRequest schedule(String data, boolean overwrite) {
        return DaprProtos.ScheduleJobRequest.newBuilder().setOverwrite(overwrite).setJob(DaprProtos.Job.newBuilder().setName(name)
                .setDueTime("1h").setSchedule("@every 2h").setRepeats(3)
                .setData(Any.newBuilder().setValue(ByteString.copyFromUtf8(data)))).build();
    }

    @Test
    void aJobScheduledOverGrpcIsReadOverBothApisAndDeleted() throws Exception {
        dapr.withDeadlineAfter(10, TimeUnit.SECONDS).scheduleJobAlpha1(schedule("{\"report\":\"daily\"}", false));
        DaprProtos.Job job = dapr.withDeadlineAfter(10, TimeUnit.SECONDS).getJobAlpha1(DaprProtos.GetJobRequest.newBuilder().setName(name).build()).getJob();
        assertEquals("@every 2h", job.getSchedule());
        assertEquals("1h", job.getDueTime());
        assertEquals(3, job.getRepeats());
        assertEquals("{\"report\":\"daily\"}", job.getData().getValue().toStringUtf8());
        HttpResponse<String> http = Server.get("/v1.0-alpha1/jobs/" + name);
        assertEquals(200, http.statusCode(), http.body());
        assertTrue(http.body().contains("\"report\":\"daily\""), http.body());

        dapr.withDeadlineAfter(10, TimeUnit.SECONDS).deleteJobAlpha1(DaprProtos.DeleteJobRequest.newBuilder().setName(name).build());
        var gone = assertThrows(StatusRuntimeException.class, () -> dapr.withDeadlineAfter(10, TimeUnit.SECONDS)
                .getJobAlpha1(DaprProtos.GetJobRequest.newBuilder().setName(name).build()));
        assertEquals(Status.Code.NOT_FOUND, gone.getStatus().getCode());
        assertEquals(404, Server.get("/v1.0-alpha1/jobs/" + name).statusCode());
    }

    @Test
    void aJobThatExistsIsKeptUnlessOverwrittenAndDataThatIsNotJsonIsRefused() throws Exception {
        try {
            dapr.withDeadlineAfter(10, TimeUnit.SECONDS).scheduleJobAlpha1(schedule("1", false));
            var exists = assertThrows(StatusRuntimeException.class, () -> dapr.withDeadlineAfter(10, TimeUnit.SECONDS).scheduleJobAlpha1(schedule("2", false)));
            assertEquals(Status.Code.ABORTED, exists.getStatus().getCode(), exists.getMessage());
            dapr.withDeadlineAfter(10, TimeUnit.SECONDS).scheduleJobAlpha1(schedule("3", true));
            assertEquals("3", dapr.withDeadlineAfter(10, TimeUnit.SECONDS).getJobAlpha1(DaprProtos.GetJobRequest.newBuilder().setName(name).build())
                    .getJob().getData().getValue().toStringUtf8());

            var text = assertThrows(StatusRuntimeException.class, () -> dapr.withDeadlineAfter(10, TimeUnit.SECONDS).scheduleJobAlpha1(schedule("plain words", true)));
            assertEquals(Status.Code.INVALID_ARGUMENT, text.getStatus().getCode());
            assertTrue(text.getStatus().getDescription().contains(name), text.getStatus().getDescription());
            var noSchedule = assertThrows(StatusRuntimeException.class, () -> dapr.withDeadlineAfter(10, TimeUnit.SECONDS).scheduleJobAlpha1(
                    DaprProtos.ScheduleJobRequest.newBuilder().setJob(DaprProtos.Job.newBuilder().setName(name + "-x")).build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, noSchedule.getStatus().getCode());
            assertTrue(noSchedule.getStatus().getDescription().contains("schedule"), noSchedule.getStatus().getDescription());
        } finally {
            dapr.withDeadlineAfter(10, TimeUnit.SECONDS).deleteJobAlpha1(DaprProtos.DeleteJobRequest.newBuilder().setName(name).build());
        }
        assertFalse(Server.get("/v1.0-alpha1/jobs").body().contains(name));
    }
}
