// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

/**
 * A client that all the managed connections of one factory share and that the resource adapter
 * owns: {@link BackendManagedConnectionFactory} hands it to the adapter when it opens it, the adapter
 * closes it when it stops, and the factory opens a new one on next use.
 */
public interface SharedBackend extends AutoCloseable {

    /** True once closed: the factory then opens a new one. */
    boolean closed();
}
