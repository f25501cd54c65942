// SPDX-License-Identifier: Apache-2.0
/** The {@code redis} output binding: set, get and delete keys with jedis. */
package io.capaee.connector.binding.redis;
