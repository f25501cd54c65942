// SPDX-License-Identifier: Apache-2.0
/** Deployed functions: configuration, the functions directory, the registry and metrics. */
package io.capaee.functions.service;
