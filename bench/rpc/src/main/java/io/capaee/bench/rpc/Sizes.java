// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.rpc;

import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;

/** Prints the encoded size of the benchmark's order in each format. */
public final class Sizes {
    private Sizes() {}

    public static void main(String[] args) throws Exception {
        Order o = Order.sample();
        int cara = Codecs.CODEC.encode(Codecs.toDynamic(o)).length;
        int hand = Codecs.handEncode(o).length;
        int json;
        try (var jsonb = JsonbBuilder.create()) {
            json = jsonb.toJson(o).getBytes(StandardCharsets.UTF_8).length;
        }
        System.out.printf("bytes: cara %d, msgpack by hand %d, JSON-B %d (cara/JSON %.2f)%n", cara, hand, json,
                (double) cara / json);
    }
}
