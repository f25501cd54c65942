// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.service;

/** {@code io.capaee:type=Registry}: the module registry's store and its transfers since the start. */
public interface RegistryMXBean {
    /** Modules (org/name:tag) in the store now. */
    int getModules();

    /** Their bytes together. */
    long getStoredBytes();

    long getUploads();

    long getDownloads();

    long getUploadedBytes();

    long getDownloadedBytes();
}
