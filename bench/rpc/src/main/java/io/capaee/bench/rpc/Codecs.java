// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.rpc;

import io.capaee.api.rpc.codec.CaraCodec;
import io.capaee.api.rpc.schema.DynamicEnum;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.Schema;
import io.capaee.api.rpc.schema.SchemaParser;
import io.capaee.api.rpc.schema.StructSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/** The three ways of turning an {@link Order} into bytes and back that the benchmark compares. */
final class Codecs {
    static final Schema SCHEMA = SchemaParser.parse("order.capnp", Order.SCHEMA);
    static final StructSchema ORDER = SCHEMA.struct("Order");
    static final StructSchema ITEM = SCHEMA.struct("Order.Item");
    static final CaraCodec CODEC = CaraCodec.lenient();

    private Codecs() {}

    /** What a generated record's toDynamic() does. */
    static DynamicStruct toDynamic(Order o) {
        List<DynamicStruct> items = new ArrayList<>(o.items().size());
        for (Order.Item i : o.items()) {
            items.add(ITEM.newValue().set(0, i.sku()).set(1, (long) i.quantity()).set(2, i.price()));
        }
        return ORDER.newValue().set(0, o.id()).set(1, o.customer()).set(2, items).set(3, o.status()).set(4, o.tags())
                .set(5, o.createdMillis()).set(6, o.notes()).set(7, o.paid());
    }

    /** What a generated record's fromDynamic() does. */
    static Order fromDynamic(DynamicStruct d) {
        Map<Integer, Object> f = d.fields();
        List<Order.Item> items = new ArrayList<>();
        for (Object o : (List<?>) f.get(2)) {
            Map<Integer, Object> i = ((DynamicStruct) o).fields();
            items.add(new Order.Item((String) i.get(0), ((Long) i.get(1)).intValue(), (Double) i.get(2)));
        }
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) f.get(4);
        return new Order((Long) f.get(0), (String) f.get(1), items, ((DynamicEnum) f.get(3)).ordinal(), tags,
                (Long) f.get(5), (String) f.get(6), (Boolean) f.get(7));
    }

    /** msgpack-core by hand: the same int-keyed map cara writes, with no schema in between. */
    static byte[] handEncode(Order o) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(8);
            p.packInt(0).packLong(o.id());
            p.packInt(1).packString(o.customer());
            p.packInt(2).packArrayHeader(o.items().size());
            for (Order.Item i : o.items()) {
                p.packMapHeader(3).packInt(0).packString(i.sku()).packInt(1).packInt(i.quantity()).packInt(2)
                        .packDouble(i.price());
            }
            p.packInt(3).packInt(o.status());
            p.packInt(4).packArrayHeader(o.tags().size());
            for (String t : o.tags()) {
                p.packString(t);
            }
            p.packInt(5).packLong(o.createdMillis());
            p.packInt(6).packString(o.notes());
            p.packInt(7).packBoolean(o.paid());
            return p.toByteArray();
        }
    }

    static Order handDecode(byte[] bytes) throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            long id = 0;
            String customer = null;
            String notes = null;
            List<Order.Item> items = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            int status = 0;
            long created = 0;
            boolean paid = false;
            int n = u.unpackMapHeader();
            for (int k = 0; k < n; k++) {
                switch (u.unpackInt()) {
                    case 0 -> id = u.unpackLong();
                    case 1 -> customer = u.unpackString();
                    case 2 -> {
                        int count = u.unpackArrayHeader();
                        for (int c = 0; c < count; c++) {
                            String sku = null;
                            int qty = 0;
                            double price = 0;
                            int m = u.unpackMapHeader();
                            for (int j = 0; j < m; j++) {
                                switch (u.unpackInt()) {
                                    case 0 -> sku = u.unpackString();
                                    case 1 -> qty = u.unpackInt();
                                    case 2 -> price = u.unpackDouble();
                                    default -> u.skipValue();
                                }
                            }
                            items.add(new Order.Item(sku, qty, price));
                        }
                    }
                    case 3 -> status = u.unpackInt();
                    case 4 -> {
                        int count = u.unpackArrayHeader();
                        for (int c = 0; c < count; c++) {
                            tags.add(u.unpackString());
                        }
                    }
                    case 5 -> created = u.unpackLong();
                    case 6 -> notes = u.unpackString();
                    case 7 -> paid = u.unpackBoolean();
                    default -> u.skipValue();
                }
            }
            return new Order(id, customer, items, status, tags, created, notes, paid);
        }
    }
}
