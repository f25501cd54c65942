// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of the reverse proxy and of the routes it shares through the key/value store. */
package it.io.capaee.proxy;
