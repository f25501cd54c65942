// SPDX-License-Identifier: Apache-2.0
/** The Capsule-style command-line launcher ({@code capsule -wasm=... -mode=cli}). */
package io.capaee.api.wasm.cli;
