// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.ejb;

import io.capaee.actors.runtime.ActorRuntimeCore;
import io.capaee.actors.runtime.TypeStats;
import io.capaee.api.actors.ActorId;
import java.util.List;

/** {@link ActorRuntimeMXBean} over the runtime core. */
final class ActorRuntimeView implements ActorRuntimeMXBean {
    private final ActorRuntimeCore core;

    ActorRuntimeView(ActorRuntimeCore core) {
        this.core = core;
    }

    @Override
    public List<String> getTypes() {
        return List.copyOf(core.types());
    }

    @Override
    public int getActive() {
        return core.stats().values().stream().mapToInt(TypeStats::getActive).sum();
    }

    @Override
    public boolean deactivate(String type, String id) {
        return core.deactivate(new ActorId(type, id));
    }
}
