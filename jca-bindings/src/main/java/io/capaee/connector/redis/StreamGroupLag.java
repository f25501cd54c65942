// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import java.util.List;
import redis.clients.jedis.resps.StreamGroupInfo;

/** The {@code lag} field of a group in the reply of {@code XINFO GROUPS}. */
final class StreamGroupLag {
    private StreamGroupLag() {}

    /** @throws IllegalStateException when the group is absent or Redis gave no lag (before 7.0, or null: unknown) */
    static long of(List<StreamGroupInfo> groups, String group) {
        for (StreamGroupInfo info : groups) {
            if (group.equals(info.getName())) {
                if (info.getGroupInfo().get("lag") instanceof Long lag) {
                    return lag;
                }
                throw new IllegalStateException("Redis gives no lag for the group " + group);
            }
        }
        throw new IllegalStateException("no group " + group + " on the stream");
    }
}
