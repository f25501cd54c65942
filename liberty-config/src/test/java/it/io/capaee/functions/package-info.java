// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of the wasm functions, their host functions and the worker-to-proxy flow. */
package it.io.capaee.functions;
