// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class FallbackProblemTest {
    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger log = recording();

    @Test
    void aJaxRsErrorKeepsItsStatusAsItsKindAndIsTitledByItsReasonPhrase() {
        assertEquals(Problem.of(405, "http-405", "Method Not Allowed", "nope"), FallbackProblem.ofStatus(405, "nope"));
        assertEquals("Not Found", Problem.title(404));
    }

    @Test
    void aStatusWithoutAReasonPhraseIsTitledByItsNumber() {
        assertEquals(Problem.of(499, "http-499", "HTTP 499", "odd"), FallbackProblem.ofStatus(499, "odd"));
    }

    @Test
    void anythingElseIsA500WithoutDetailsAndLoggedWithItsStackTrace() {
        IllegalStateException bug = new IllegalStateException("secret internals");
        Problem p = FallbackProblem.of(bug, log, "test API");
        assertEquals(Problem.of(500, "internal", "Internal error", "unexpected IllegalStateException; see the server log"), p);
        assertEquals(1, logged.size());
        assertEquals(Level.SEVERE, logged.get(0).getLevel());
        assertEquals("unexpected failure in the test API", logged.get(0).getMessage());
        assertEquals(bug, logged.get(0).getThrown());
    }

    private Logger recording() {
        Logger l = Logger.getAnonymousLogger();
        l.setUseParentHandlers(false);
        l.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        return l;
    }
}
