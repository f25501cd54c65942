// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.files;

import io.capaee.api.files.FileConnectionFactory;
import io.capaee.api.files.FileException;
import io.capaee.proxy.dapr.DaprException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** How each {@link FileException.Reason} answers over HTTP: status, error code, and what the client reads. */
final class FileErrors {
    private static final Logger LOG = Logger.getLogger(FileErrors.class.getName());

    private FileErrors() {}

    static DaprException toDapr(String store, FileConnectionFactory factory, FileException e) {
        return switch (e.reason()) {
            case BAD_NAME -> new DaprException(400, "ERR_FILE_NAME", e.getMessage());
            case BAD_REQUEST -> new DaprException(400, "ERR_MALFORMED_REQUEST", e.getMessage());
            case NOT_FOUND -> new DaprException(404, "ERR_FILE_NOT_FOUND", e.getMessage());
            case TOO_LARGE -> new DaprException(413, "ERR_FILE_TOO_LARGE", e.getMessage());
            case UNAVAILABLE -> logged(store, factory, e, new DaprException(503, "ERR_FILE_STORE_UNAVAILABLE",
                    "file store " + store + " cannot be reached; try again later"));
            case STORAGE -> logged(store, factory, e, new DaprException(500, "ERR_FILE_STORE",
                    "file store " + store + " failed; the server log has the detail"));
        };
    }

    /** The store's own failure: its detail (paths, NATS messages) goes to the log, not to the client. */
    private static DaprException logged(String store, FileConnectionFactory factory, FileException e, DaprException answer) {
        LOG.log(Level.WARNING, "file store {0} ({1}): {2}", new Object[] {store, factory.describe(), e.getMessage()});
        return answer;
    }
}
