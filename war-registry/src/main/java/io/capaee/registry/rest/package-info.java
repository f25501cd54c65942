// SPDX-License-Identifier: Apache-2.0
/** The registry's HTTP surface ({@code /registry/...}, Capsule's paths), its admin filter and error mapping. */
package io.capaee.registry.rest;
