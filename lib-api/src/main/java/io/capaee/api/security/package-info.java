// SPDX-License-Identifier: Apache-2.0
/** Who may use admin operations: the admin token, or loopback only when none is configured. */
package io.capaee.api.security;
