// SPDX-License-Identifier: Apache-2.0
/** Dapr's secrets API, {@code /v1.0/secrets/{store}}, over the stores configured as {@code capa.secretstore.NAME.*}. */
package io.capaee.proxy.secrets;
