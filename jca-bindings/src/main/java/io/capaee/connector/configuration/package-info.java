// SPDX-License-Identifier: Apache-2.0
/**
 * Redis configuration stores ({@code eis/capa/configuration/NAME}): items are Redis strings
 * {@code value} or {@code value||version} (Dapr's format), changes arrive by keyspace notifications.
 */
package io.capaee.connector.configuration;
