// SPDX-License-Identifier: Apache-2.0
/** The wasm module registry: coordinates (org/name/tag), records with digests, and the store. */
package io.capaee.api.registry;
