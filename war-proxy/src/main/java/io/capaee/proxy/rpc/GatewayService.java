// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rpc;

import io.capaee.api.rpc.RpcChannel;
import io.capaee.api.rpc.RpcHandler;
import io.capaee.api.rpc.RpcServer;
import io.capaee.api.rpc.RpcService;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.InterfaceSchema;
import io.capaee.api.rpc.schema.Method;
import io.capaee.api.rpc.schema.Schema;
import io.capaee.api.rpc.schema.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code capa.Gateway}: liveness and discovery of the services this server answers. */
final class GatewayService implements RpcService {
    static final String NAME = "capa.Gateway";
    private static final String FILE = "gateway.capnp";

    private final Schema schema;
    private final String appId;
    private final Supplier<RpcServer> server;
    private final Supplier<List<RpcService>> services;

    GatewayService(String appId, Supplier<RpcServer> server, Supplier<List<RpcService>> services) {
        try (InputStream in = GatewayService.class.getResourceAsStream(FILE)) {
            this.schema = SchemaParser.parse(FILE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.appId = appId;
        this.server = server;
        this.services = services;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public InterfaceSchema iface() {
        return schema.iface("Gateway");
    }

    @Override
    public RpcHandler handler() {
        return (ref, params) -> {
            DynamicStruct out = ref.method().results().newValue();
            switch (ref.method().name()) {
                case "ping" -> out.set("appId", appId).set("epochMillis", System.currentTimeMillis());
                case "services" -> {
                    List<DynamicStruct> infos = new ArrayList<>();
                    for (RpcService s : services.get()) {
                        List<String> methods = new ArrayList<>();
                        for (InterfaceSchema i : s.iface().withAncestors()) {
                            i.methods().stream().map(Method::name).filter(m -> !methods.contains(m)).forEach(methods::add);
                        }
                        infos.add(schema.struct("ServiceInfo").newValue().set("name", s.name())
                                .set("iface", s.iface().qualifiedName()).set("ifaceId", s.iface().id())
                                .set("methods", methods).set("schemaFile", s.schema().file()));
                    }
                    out.set("services", infos);
                }
                case "schema" -> {
                    String wanted = (String) params.get("service");
                    RpcService s = services.get().stream().filter(x -> x.name().equals(wanted)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("no RPC service named '" + wanted
                                    + "'; registered: " + server.get().names()));
                    out.set("file", s.schema().file()).set("text", s.schema().sources().get(s.schema().file()));
                }
                case "echoVia" -> {
                    InterfaceSchema echo = schema.iface("Echo");
                    Object given = params.get("callback");
                    RpcChannel callback;
                    if (given instanceof RpcChannel c) {
                        callback = c;
                    } else if (given instanceof RpcHandler h) {
                        callback = RpcChannel.local(h);
                    } else {
                        throw new IllegalArgumentException("echoVia needs a callback (an Echo capability), got " + given);
                    }
                    InterfaceSchema.MethodRef call = echo.method("echo").orElseThrow();
                    DynamicStruct said = callback.call(call, call.method().params().newValue().set("text", params.get("text")));
                    out.set("text", said.get("text"));
                }
                default -> throw new io.capaee.api.rpc.UnknownMethodException("capa.Gateway has no method "
                        + ref.method().name());
            }
            return out;
        };
    }
}
