// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import io.capaee.api.state.StateEntry;
import java.util.List;

/** One page of a state query's results, and the token of the next page (null when this is the last). */
public record QueryPage(List<StateEntry> results, String token) {
    public QueryPage {
        results = List.copyOf(results);
    }
}
