// SPDX-License-Identifier: Apache-2.0
/** Capsule's route registration API ({@code /memory/functions/...}), its JSON bodies and error mapping. */
package io.capaee.proxy.rest;
