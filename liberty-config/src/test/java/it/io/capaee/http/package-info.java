// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of the HTTP edge every WAR shares: encoded paths and one-byte JSON bodies. */
package it.io.capaee.http;
