// SPDX-License-Identifier: Apache-2.0
/** Capsule's worker API: deploy revisions from the registry or a URL, defaults, scaling, routes. */
package io.capaee.functions.worker;
