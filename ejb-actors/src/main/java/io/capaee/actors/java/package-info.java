// SPDX-License-Identifier: Apache-2.0
/** Java actors: classes annotated {@link io.capaee.api.actors.ActorType}, called by reflection with JSON-B arguments. */
package io.capaee.actors.java;
