// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.rpc;

import java.util.List;

/** The realistic value of the codec benchmark, as a plain Java record (JSON-B and hand-written msgpack). */
public record Order(long id, String customer, List<Item> items, int status, List<String> tags, long createdMillis,
        String notes, boolean paid) {
    public record Item(String sku, int quantity, double price) {}

    static final String SCHEMA = """
            @0xb1c2d3e4f5a6b7c8;
            struct Order {
              id @0 :UInt64;
              customer @1 :Text;
              items @2 :List(Item);
              status @3 :Status;
              tags @4 :List(Text);
              createdMillis @5 :Int64;
              notes @6 :Text;
              paid @7 :Bool;
              struct Item {
                sku @0 :Text;
                quantity @1 :UInt32;
                price @2 :Float64;
              }
              enum Status { open @0; paid @1; shipped @2; }
            }
            interface Orders {
              echo @0 (order :Order) -> (order :Order);
            }
            """;

    static Order sample() {
        return new Order(1234567, "ACME Corporation, Purchasing", List.of(
                new Item("SKU-0001-RED", 2, 19.99), new Item("SKU-0042-BLUE", 1, 249.5),
                new Item("SKU-1000-XL", 12, 3.25), new Item("SKU-7777", 3, 79.0)),
                2, List.of("priority", "b2b", "eu"), 1_763_900_000_000L, "Deliver to the loading dock, gate 4.", true);
    }
}
