// SPDX-License-Identifier: Apache-2.0
/**
 * The secrets building block (Dapr's secrets API, cloud-runtimes' {@code SecretsRuntimes}): named,
 * read-only secret stores over a JSON file, an allow-list of environment variables, or
 * MicroProfile Config, configured with {@code capa.secretstore.NAME.*} keys
 * ({@link io.capaee.api.secrets.SecretStores}). A secret value never appears in a log line, a
 * metric, an exception message or a {@code toString()}.
 */
package io.capaee.api.secrets;
