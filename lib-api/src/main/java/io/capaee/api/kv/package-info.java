// SPDX-License-Identifier: Apache-2.0
/** Key/value store connections (Redis or in memory), as the resource adapter provides them. */
package io.capaee.api.kv;
