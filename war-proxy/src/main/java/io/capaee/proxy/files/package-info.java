// SPDX-License-Identifier: Apache-2.0
/**
 * The file API over HTTP, {@code /v1.0-alpha1/files/{store}/...}: put, get, stat (HEAD), delete
 * and list, streamed, over lib-api's {@link io.capaee.api.files.FileConnectionFactory} stores.
 */
package io.capaee.proxy.files;
