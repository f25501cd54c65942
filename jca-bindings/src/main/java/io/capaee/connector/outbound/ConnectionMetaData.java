// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import jakarta.resource.spi.ManagedConnectionMetaData;

/** Metadata of a managed connection: the backend's description, no limit on connections. */
public record ConnectionMetaData(String eisProductName, String eisProductVersion, String userName)
        implements ManagedConnectionMetaData {

    @Override
    public String getEISProductName() {
        return eisProductName;
    }

    @Override
    public String getEISProductVersion() {
        return eisProductVersion;
    }

    @Override
    public int getMaxConnections() {
        return 0; // no limit of our own; the backend's pool bounds the sockets
    }

    @Override
    public String getUserName() {
        return userName;
    }
}
