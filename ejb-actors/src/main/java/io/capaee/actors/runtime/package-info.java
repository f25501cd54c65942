// SPDX-License-Identifier: Apache-2.0
/** The virtual-actor runtime: actor types, activation, turn-based calls (growing with issue 4). */
package io.capaee.actors.runtime;
