// SPDX-License-Identifier: Apache-2.0
/** The JAX-RS surface of wasm functions ({@code /wasm/functions/...}) and its error mapping. */
package io.capaee.functions.rest;
