// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class EndpointLoopTest {
    @Test
    void theHealthReasonMasksCredentialsOfUrls() {
        assertEquals("IOException: cannot reach redis://***@10.0.0.5:6379/0 and nats://***@nats:4222",
                EndpointLoop.publicReason(new IOException("cannot reach redis://app:s3cret@10.0.0.5:6379/0 and nats://tok@nats:4222")));
        assertEquals("IllegalStateException", EndpointLoop.publicReason(new IllegalStateException()));
        assertEquals("IOException: http://host:80/x", EndpointLoop.publicReason(new IOException("http://host:80/x")));
    }
}
