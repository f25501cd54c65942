// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of the state and lock building blocks. */
package it.io.capaee.state;
