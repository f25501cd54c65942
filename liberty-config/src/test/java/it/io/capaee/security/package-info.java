// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of access control: the production settings and a client that is not on loopback. */
package it.io.capaee.security;
