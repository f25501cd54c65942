// SPDX-License-Identifier: Apache-2.0
/** The {@code http} output binding: requests to one configured base URL with the JDK HTTP client. */
package io.capaee.connector.binding.http;
