// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.grpc;

/**
 * The calls GrpcBench measures over both protocols. Keys and actors are spread over {@value #SPREAD}: request n uses
 * {@code bench-(n % SPREAD)}, so that no single key or actor turn is the bottleneck.
 */
enum Operation {
    STATE_GET("state get"),
    STATE_SAVE("state save"),
    ACTOR_INVOKE("actor invoke");

    static final int SPREAD = 100;
    static final String STORE = "statestore";
    static final String ACTOR_TYPE = "counter";
    static final String ACTOR_METHOD = "add";
    /** The saved value (the one bench/state.sh saves), and the actor method's argument. */
    static final String VALUE = "{\"item\":\"tea\",\"qty\":3}";
    static final String ADD = "1";

    private final String label;

    Operation(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static String key(int n) {
        return "bench-" + (n % SPREAD);
    }
}
