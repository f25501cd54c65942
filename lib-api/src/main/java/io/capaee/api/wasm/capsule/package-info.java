// SPDX-License-Identifier: Apache-2.0
/**
 * The Capsule 0.1.x string conventions: error strings, header encoding, HTTP framing and the
 * Go JSON re-serialisation that guests observe. Pure functions over strings; no wasm here.
 */
package io.capaee.api.wasm.capsule;
