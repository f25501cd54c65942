// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.rpc;

import io.capaee.api.rpc.schema.DynamicStruct;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode and decode of {@link Order}: cara's codec (from a record through dynamic values, as
 * generated records do, and from a ready dynamic value), msgpack-core writing the same map by
 * hand (the floor), and JSON-B (the usual Jakarta EE choice).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBench {
    Order order;
    DynamicStruct dynamic;
    byte[] cara;
    String json;
    Jsonb jsonb;

    @Setup
    public void setup() throws IOException {
        order = Order.sample();
        dynamic = Codecs.toDynamic(order);
        cara = Codecs.CODEC.encode(dynamic);
        jsonb = JsonbBuilder.create();
        json = jsonb.toJson(order);
        if (!java.util.Arrays.equals(cara, Codecs.handEncode(order))) {
            throw new IllegalStateException("the hand-written map differs from cara's");
        }
    }

    @Benchmark
    public byte[] caraEncodeRecord() {
        return Codecs.CODEC.encode(Codecs.toDynamic(order));
    }

    @Benchmark
    public byte[] caraEncodeDynamic() {
        return Codecs.CODEC.encode(dynamic);
    }

    @Benchmark
    public byte[] handEncode() throws IOException {
        return Codecs.handEncode(order);
    }

    @Benchmark
    public byte[] jsonbEncode() {
        return jsonb.toJson(order).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Order caraDecodeRecord() {
        return Codecs.fromDynamic(Codecs.CODEC.decode(Codecs.ORDER, cara));
    }

    @Benchmark
    public DynamicStruct caraDecodeDynamic() {
        return Codecs.CODEC.decode(Codecs.ORDER, cara);
    }

    @Benchmark
    public Order handDecode() throws IOException {
        return Codecs.handDecode(cara);
    }

    @Benchmark
    public Order jsonbDecode() {
        return jsonb.fromJson(json, Order.class);
    }
}
