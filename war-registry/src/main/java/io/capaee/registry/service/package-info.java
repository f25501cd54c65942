// SPDX-License-Identifier: Apache-2.0
/** The registry's storage as configured for this server, and its limits. */
package io.capaee.registry.service;
