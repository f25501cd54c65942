// SPDX-License-Identifier: Apache-2.0
/**
 * File stores as connection factories ({@code eis/capa/files/NAME}): a local directory (lib-api's
 * {@link io.capaee.api.files.LocalFileStore}) or a NATS JetStream object store bucket
 * ({@link io.capaee.connector.files.NatsObjectFileStore}).
 */
package io.capaee.connector.files;
