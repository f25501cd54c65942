// SPDX-License-Identifier: Apache-2.0
/**
 * The file building block (cloud-runtimes' {@code FileService}): put, get, list, delete and stat of
 * named files, streamed, with a size limit, in a store that server.xml declares as the connection
 * factory {@code eis/capa/files/NAME}: a local directory ({@link io.capaee.api.files.LocalFileStore},
 * the embedded default) or a NATS JetStream object store bucket. Names follow
 * {@link io.capaee.api.files.FileName}; writes are all or nothing.
 *
 * <p>{@link io.capaee.api.files.DigestingInput} is how every upload is read (size limit and
 * SHA-256), here and in the module registry.
 */
package io.capaee.api.files;
