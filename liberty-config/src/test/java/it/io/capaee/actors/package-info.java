// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of the virtual actors: Java, wasm and remote actor types, restarts, the Dapr SDK. */
package it.io.capaee.actors;
