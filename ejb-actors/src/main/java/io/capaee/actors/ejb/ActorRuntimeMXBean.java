// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.ejb;

import java.util.List;

/**
 * {@code io.capaee:type=ActorRuntime}: the actors active on this server, and the operator's one action on
 * them. Per-type counters are the {@code io.capaee:type=Actors,name=<type>} MBeans.
 */
public interface ActorRuntimeMXBean {
    String OBJECT_NAME = "io.capaee:type=ActorRuntime";

    /** The hosted types. */
    List<String> getTypes();

    /** How many actors are active here, all types together. */
    int getActive();

    /**
     * Deactivates one actor after its running turn and the calls waiting for it; its state stays stored
     * and its next call activates it again.
     *
     * @return false when it was not active on this server
     */
    boolean deactivate(String type, String id);
}
