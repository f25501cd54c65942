// SPDX-License-Identifier: Apache-2.0
/** The operator's console (/console) driven in headless Chromium against the real server. */
package it.io.capaee.console;
