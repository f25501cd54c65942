// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.InvalidValueException;
import io.capaee.api.jobs.JobSpec;
import io.capaee.api.jobs.JobView;
import io.capaee.api.json.JsonBodyException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobJsonTest {
    @Test
    void daprsJobBodyIsReadWithTargetAndOverwrite() {
        JobJson.Request r = JobJson.parse("nightly", "{\"schedule\":\"@daily\",\"dueTime\":\"10s\",\"repeats\":3,\"ttl\":\"1h\","
                + "\"data\":{\"a\":[1,2]},\"target\":\"binding:memory\",\"overwrite\":true}");
        assertEquals(new JobSpec("nightly", "@daily", "10s", 3, "1h", "{\"a\":[1,2]}", "binding:memory"), r.spec());
        assertTrue(r.overwrite());
        assertFalse(JobJson.parse("n", "{\"dueTime\":\"1s\"}").overwrite(), "Dapr's default");
    }

    @Test
    void aFieldThatCannotWorkIsNamed() {
        assertEquals("repeats", assertThrows(InvalidValueException.class, () -> JobJson.parse("n", "{\"dueTime\":\"1s\",\"repeats\":1.5}")).field());
        assertEquals("schedule", assertThrows(InvalidValueException.class, () -> JobJson.parse("n", "{\"schedule\":5}")).field());
        assertEquals("overwrite", assertThrows(InvalidValueException.class, () -> JobJson.parse("n", "{\"dueTime\":\"1s\",\"overwrite\":\"yes\"}")).field());
        assertEquals("period", assertThrows(InvalidValueException.class, () -> JobJson.parse("n", "{\"period\":\"1s\"}")).field());
        assertEquals("name", assertThrows(InvalidValueException.class, () -> JobJson.parse("n", "{\"name\":\"m\",\"dueTime\":\"1s\"}")).field());
        assertThrows(JsonBodyException.class, () -> JobJson.parse("n", "[1]"));
        assertThrows(JsonBodyException.class, () -> JobJson.parse("n", ""));
    }

    @Test
    void aJobIsWrittenWithWhereItStands() {
        JobView view = new JobView(new JobSpec("n", "@every 1m", null, 0, null, "7", null), Instant.parse("2026-01-01T00:01:00Z"), 2, null);
        assertEquals("{\"name\":\"n\",\"schedule\":\"@every 1m\",\"data\":7,\"next\":\"2026-01-01T00:01:00Z\",\"fired\":2}",
                JobJson.view(view).toString());
    }
}
