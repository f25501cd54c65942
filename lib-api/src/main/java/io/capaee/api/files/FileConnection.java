// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

/** A handle on a file store from its {@link FileConnectionFactory}; close it after the unit of work. */
public interface FileConnection extends FileStore, AutoCloseable {
    @Override
    void close();
}
