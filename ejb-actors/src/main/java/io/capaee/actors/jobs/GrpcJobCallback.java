// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.capaee.api.jobs.JobException;
import io.capaee.api.jobs.JobSpec;
import io.capaee.api.tracing.TraceContext;
import io.capaee.grpc.AppCallbackChannels;
import io.dapr.v1.CommonProtos.HTTPExtension;
import io.dapr.v1.DaprAppCallbackProtos.JobEventRequest;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The job callback of a gRPC app ({@code capa.app.protocol=grpc}): {@code AppCallbackAlpha/OnJobEventAlpha1} as Dapr
 * sends it, with the job's name, its data (the JSON the scheduler keeps, as the value of an {@code Any} without a type,
 * as the gRPC jobs API hands it back), the method {@code job/NAME} and a POST. An OK answer is a delivery.
 */
public final class GrpcJobCallback implements JobDelivery {
    private final AppCallbackChannels channels;
    private final URI app;
    private final Duration timeout;

    /** @param app {@code capa.app.url}: the gRPC app's address ({@code http://} or {@code grpc://} for plain HTTP/2) */
    public GrpcJobCallback(AppCallbackChannels channels, URI app, Duration timeout) {
        this.channels = channels;
        this.app = app;
        this.timeout = timeout;
    }

    @Override
    public void deliver(JobSpec job) {
        JobEventRequest.Builder request = JobEventRequest.newBuilder().setName(job.name()).setMethod("job/" + job.name())
                .setContentType("application/json").setHttpExtension(HTTPExtension.newBuilder().setVerb(HTTPExtension.Verb.POST));
        if (job.data() != null) {
            request.setData(Any.newBuilder().setValue(ByteString.copyFromUtf8(job.data())));
        }
        try {
            // the firing's span goes in the call's metadata, as Dapr sends it
            AppCallbackChannels.withHeaders(channels.alphaStub(app), TraceContext.current()).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS).onJobEventAlpha1(request.build());
        } catch (StatusRuntimeException | IllegalArgumentException e) {
            throw new JobException(JobException.Reason.DELIVERY, "job '" + job.name() + "' could not be delivered to the gRPC app at "
                    + app + " (OnJobEventAlpha1): " + e.getMessage(), e);
        }
    }
}
