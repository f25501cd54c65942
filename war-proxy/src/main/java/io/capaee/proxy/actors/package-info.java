// SPDX-License-Identifier: Apache-2.0
/** Dapr's actor API ({@code /v1.0/actors/...}) over the actor runtime EJB, plus the operator view of active actors. */
package io.capaee.proxy.actors;
