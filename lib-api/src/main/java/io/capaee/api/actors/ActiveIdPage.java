// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.util.List;

/**
 * One page of a type's actors active on this server, sorted by id.
 *
 * @param total how many are active, all pages together
 * @param offset the position of the page's first actor in the sorted list
 */
public record ActiveIdPage(String type, int total, int offset, List<ActiveActor> actors) {
    public ActiveIdPage {
        actors = List.copyOf(actors);
    }

    /** The page's ids, in order. */
    public List<String> ids() {
        return actors.stream().map(ActiveActor::id).toList();
    }
}
