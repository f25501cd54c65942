// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of schema-first RPC over HTTP and NATS. */
package it.io.capaee.rpc;
