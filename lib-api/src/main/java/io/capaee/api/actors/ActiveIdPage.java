// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.util.List;

/**
 * One page of the ids of a type's actors active on this server, sorted.
 *
 * @param total how many are active, all pages together
 * @param offset the position of the page's first id in the sorted list
 */
public record ActiveIdPage(String type, int total, int offset, List<String> ids) {
    public ActiveIdPage {
        ids = List.copyOf(ids);
    }
}
