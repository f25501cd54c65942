// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.desired.DesiredEntry;
import io.capaee.api.json.Jsonp;
import jakarta.json.JsonString;
import java.time.Instant;

/**
 * A function's default revision as the desired state keeps it: kind {@value #KIND}, id the
 * function, spec {@code {"function":"accg","revision":"v1"}}. A document of its own rather than a
 * flag on each revision, so that moving the default is one atomic write.
 */
public record WorkerDefaultSpec(String function, String revision) {
    public static final String KIND = "worker-default";

    public WorkerDefaultSpec {
        WorkerSpec.requireName("function", function);
        WorkerSpec.requireName("revision", revision);
    }

    public DesiredEntry entry(Instant at) {
        return new DesiredEntry(KIND, function, Jsonp.createObjectBuilder().add("function", function).add("revision", revision).build(), at);
    }

    /** Reads a stored entry. @throws IllegalArgumentException naming the field that is missing or wrong */
    public static WorkerDefaultSpec from(DesiredEntry entry) {
        if (!(entry.spec().get("function") instanceof JsonString function) || !function.getString().equals(entry.id())) {
            throw new IllegalArgumentException("spec.function: must be the string '" + entry.id() + "'");
        }
        if (!(entry.spec().get("revision") instanceof JsonString revision)) {
            throw new IllegalArgumentException("spec.revision: must be a string");
        }
        return new WorkerDefaultSpec(function.getString(), revision.getString());
    }
}
