// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of the wasm module registry. */
package it.io.capaee.registry;
