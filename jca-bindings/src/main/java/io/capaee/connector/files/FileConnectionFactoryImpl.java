// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.files;

import io.capaee.api.files.FileConnection;
import io.capaee.api.files.FileConnectionFactory;
import io.capaee.api.files.FileException;
import io.capaee.connector.outbound.ConnectionFactoryBase;
import jakarta.resource.spi.ConnectionManager;

/** The {@link FileConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class FileConnectionFactoryImpl extends ConnectionFactoryBase<FileConnection> implements FileConnectionFactory {
    private static final long serialVersionUID = 1L;

    private final long maxBytes;

    FileConnectionFactoryImpl(FileManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager, FileConnection.class, FileException::new);
        this.maxBytes = factory.checkedMaxBytes();
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }
}
