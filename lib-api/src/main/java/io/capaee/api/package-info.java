// SPDX-License-Identifier: Apache-2.0
/**
 * The shared library of Capa EE: the public Java API of every building block and the engines
 * (wasm) that the EAR's modules share. Nothing here depends on Liberty or on a broker client.
 */
package io.capaee.api;
