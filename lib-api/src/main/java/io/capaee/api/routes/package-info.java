// SPDX-License-Identifier: Apache-2.0
/** Reverse-proxy routes (function, revision, upstream URLs), shared through the key/value store. */
package io.capaee.api.routes;
