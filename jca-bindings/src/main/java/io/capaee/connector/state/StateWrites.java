// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import io.capaee.api.state.InvalidEtagException;
import io.capaee.api.state.InvalidStateRequestException;
import io.capaee.api.state.StateItem;
import io.capaee.api.state.StateKeys;
import io.capaee.api.state.StateOptions.Concurrency;

/**
 * Turns the API's items into checked writes on namespaced keys, by Dapr's rules: keys must not
 * contain {@code ||}, and a saved key must be one the HTTP API can address ({@link StateKeys}); an
 * ETag is checked unless the item says last-write; first-write without an
 * ETag needs the key to be absent; {@code ttlInSeconds} is a positive whole number or -1 (none).
 */
final class StateWrites {
    static final String TTL = "ttlInSeconds";

    private final String namespace;

    StateWrites(String namespace) {
        this.namespace = namespace;
    }

    String storedKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidStateRequestException("a state key must not be empty");
        }
        if (key.contains("||")) {
            throw new InvalidStateRequestException("state key '" + key + "' must not contain '||'");
        }
        return namespace + key;
    }

    StateWrite upsert(StateItem item) {
        // a key the HTTP API could not name again is refused here, before anything of the request is written
        StateKeys.checkWritable(item.key());
        if (item.value() == null) {
            throw new InvalidStateRequestException("state key '" + item.key() + "' has no value to save");
        }
        return write(item, item.value(), ttl(item));
    }

    StateWrite delete(StateItem item) {
        return write(item, null, 0);
    }

    private StateWrite write(StateItem item, String value, long ttl) {
        String key = storedKey(item.key());
        String etag = item.etag() == null || item.etag().isEmpty() ? null : item.etag();
        Concurrency concurrency = item.options().concurrency();
        if (etag != null) {
            long version = version(item.key(), etag);
            return concurrency == Concurrency.LAST_WRITE
                    ? new StateWrite(key, value, StateWrite.Check.NONE, 0, ttl)
                    : new StateWrite(key, value, StateWrite.Check.VERSION, version, ttl);
        }
        boolean firstWrite = concurrency == Concurrency.FIRST_WRITE && value != null;
        return new StateWrite(key, value, firstWrite ? StateWrite.Check.ABSENT : StateWrite.Check.NONE, 0, ttl);
    }

    /** Our ETags are positive decimal versions; anything else was never handed out. */
    static long version(String key, String etag) {
        try {
            long v = Long.parseLong(etag);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidEtagException("ETag '" + etag + "' of state key '" + key + "' is not an ETag of this store");
    }

    private static long ttl(StateItem item) {
        String raw = item.metadata().get(TTL);
        if (raw == null || raw.isEmpty()) {
            return 0;
        }
        try {
            long ttl = Long.parseLong(raw.strip());
            if (ttl == -1) {
                return 0;
            }
            if (ttl > 0) {
                return ttl;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidStateRequestException("metadata " + TTL + " of state key '" + item.key() + "' must be a"
                + " positive whole number of seconds or -1, got '" + raw + "'");
    }
}
