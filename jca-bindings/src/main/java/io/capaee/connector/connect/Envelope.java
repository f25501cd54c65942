// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import java.util.Map;

/** One message between source and sink: payload, headers (one value each), and the source's key or null. */
record Envelope(byte[] data, Map<String, String> headers, String key) {
    Envelope {
        headers = Map.copyOf(headers);
    }

    Envelope withData(byte[] newData) {
        return new Envelope(newData, headers, key);
    }
}
