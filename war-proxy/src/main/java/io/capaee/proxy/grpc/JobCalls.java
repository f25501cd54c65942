// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.capaee.api.jobs.JobScheduler;
import io.capaee.api.jobs.JobSpec;
import io.capaee.api.jobs.JobView;
import io.capaee.api.json.JsonText;
import io.capaee.proxy.jobs.JobRefusals;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import jakarta.json.JsonException;
import java.util.List;

/**
 * Jobs over gRPC (Dapr's alpha Jobs API): schedule, get and delete, on the scheduler the HTTP jobs API uses, with its
 * refusals ({@link JobRefusals}). A job's data travels as bytes over gRPC and is kept as the HTTP API keeps it, JSON:
 * bytes that are not UTF-8 JSON are refused, naming the job, rather than kept changed. A job scheduled over gRPC has
 * no target of its own: it fires to Dapr's job callback on the app ({@code POST <capa.app.url>/job/<name>}). Its
 * {@code failure_policy} is not read: firings follow {@code capa.jobs.*}.
 */
final class JobCalls extends DaprCalls {
    private final JobScheduler jobs;

    JobCalls(JobScheduler jobs) {
        this.jobs = jobs;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getScheduleJobAlpha1Method(), DaprGrpc.getGetJobAlpha1Method(), DaprGrpc.getDeleteJobAlpha1Method());
    }

    @Override
    public void scheduleJobAlpha1(DaprProtos.ScheduleJobRequest request, StreamObserver<DaprProtos.ScheduleJobResponse> out) {
        answer(out, "ScheduleJobAlpha1", () -> {
            DaprProtos.Job job = request.getJob();
            return JobRefusals.call(() -> {
                JobSpec spec = new JobSpec(job.getName(), job.hasSchedule() ? job.getSchedule() : null, job.hasDueTime() ? job.getDueTime() : null,
                        job.hasRepeats() ? Math.toIntExact(Math.min(job.getRepeats(), Integer.MAX_VALUE)) : 0, job.hasTtl() ? job.getTtl() : null,
                        data(job.getName(), job.getData().getValue()), null);
                jobs.schedule(spec, request.getOverwrite());
                return DaprProtos.ScheduleJobResponse.getDefaultInstance();
            });
        });
    }

    @Override
    public void getJobAlpha1(DaprProtos.GetJobRequest request, StreamObserver<DaprProtos.GetJobResponse> out) {
        answer(out, "GetJobAlpha1", () -> {
            JobView view = JobRefusals.call(() -> jobs.get(request.getName())).orElseThrow(() -> JobRefusals.notFound(request.getName()));
            return DaprProtos.GetJobResponse.newBuilder().setJob(job(view.spec())).build();
        });
    }

    @Override
    public void deleteJobAlpha1(DaprProtos.DeleteJobRequest request, StreamObserver<DaprProtos.DeleteJobResponse> out) {
        answer(out, "DeleteJobAlpha1", () -> {
            if (!JobRefusals.call(() -> jobs.delete(request.getName()))) {
                throw JobRefusals.notFound(request.getName());
            }
            return DaprProtos.DeleteJobResponse.getDefaultInstance();
        });
    }

    static DaprProtos.Job job(JobSpec spec) {
        DaprProtos.Job.Builder job = DaprProtos.Job.newBuilder().setName(spec.name());
        if (spec.schedule() != null) {
            job.setSchedule(spec.schedule());
        }
        if (spec.dueTime() != null) {
            job.setDueTime(spec.dueTime());
        }
        if (spec.repeats() > 0) {
            job.setRepeats(spec.repeats());
        }
        if (spec.ttl() != null) {
            job.setTtl(spec.ttl());
        }
        if (spec.data() != null) {
            job.setData(Any.newBuilder().setValue(ByteString.copyFromUtf8(spec.data())));
        }
        return job.build();
    }

    /** The job's data as the JSON text the scheduler keeps; none is none. */
    private static String data(String name, ByteString data) {
        if (data.isEmpty()) {
            return null;
        }
        try {
            return JsonText.parse(data.toByteArray()).toString();
        } catch (JsonException e) {
            throw GrpcStatuses.invalid("ERR_MALFORMED_REQUEST", "the data of job '" + name + "' is not UTF-8 JSON ("
                    + e.getMessage() + "); a job's data is kept as JSON, as the HTTP API takes it");
        }
    }
}
