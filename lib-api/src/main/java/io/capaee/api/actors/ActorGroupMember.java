// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.time.Instant;
import java.util.List;

/**
 * One server of a group that shares its actors (placement {@code partitioned}), as it announced itself
 * in the shared store.
 *
 * @param url where the other servers reach it ({@code capa.invoke.self-url})
 * @param partitions the actor partitions it owns, in order
 * @param heartbeat when it last announced itself
 * @param self whether it is this server
 */
public record ActorGroupMember(String url, List<Integer> partitions, Instant heartbeat, boolean self) {
    public ActorGroupMember {
        partitions = List.copyOf(partitions);
    }
}
