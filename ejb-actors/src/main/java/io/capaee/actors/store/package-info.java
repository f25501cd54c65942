// SPDX-License-Identifier: Apache-2.0
/**
 * Actor state and reminders in the key/value store: one JSON document per actor for its state and
 * one for its reminders, each written with compare-and-set, which makes every turn's save and every
 * state transaction atomic.
 */
package io.capaee.actors.store;
