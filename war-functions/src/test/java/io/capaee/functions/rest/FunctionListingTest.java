// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capaee.api.wasm.AbiGeneration;
import io.capaee.api.wasm.CliResult;
import io.capaee.api.wasm.FunctionInfo;
import io.capaee.api.wasm.WasmFunction;
import io.capaee.api.wasm.capsule.HttpInvocation;
import io.capaee.api.wasm.capsule.HttpReply;
import io.capaee.functions.service.Deployment;
import io.capaee.functions.service.DeploymentFailure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /wasm/functions} shows where modules came from without the server's paths. */
class FunctionListingTest {
    private static final Path DIR = Path.of("/srv/liberty/usr/servers/capa/functions");

    @Test
    void sourcesAreRelativeToTheFunctionsDirectoryOrAKindNeverAnAbsolutePath() {
        FunctionsResource.FunctionList list = FunctionsResource.FunctionList.of(
                List.of(deployment("hello", "default", DIR.resolve("hello.wasm").toString()),
                        deployment("hello", "v9", DIR.resolve("hello/v9.wasm").toString()),
                        deployment("declared", "default", "/etc/capa/modules/declared.wasm"),
                        deployment("remote", "default", "https://internal.example/m.wasm?token=x")),
                List.of(new DeploymentFailure("broken", "default", DIR.resolve("broken.wasm").toString(), "'broken' is not a valid wasm module", Instant.EPOCH)),
                DIR);

        assertEquals(List.of("directory:hello.wasm", "directory:hello/v9.wasm", "file:declared.wasm", "download"),
                list.functions().stream().map(FunctionsResource.FunctionEntry::source).toList());
        assertEquals("directory:broken.wasm", list.failures().get(0).source());
    }

    private static Deployment deployment(String name, String revision, String source) {
        return new Deployment(name, revision, new Loaded(name), source, Instant.EPOCH, null);
    }

    private record Loaded(String name) implements WasmFunction {
        @Override
        public FunctionInfo info() {
            return new FunctionInfo(name, "00", 8, AbiGeneration.V0_1_3, false, true, true);
        }

        @Override
        public CliResult callCli(List<String> args) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HttpReply callHttp(HttpInvocation request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void scale(int instances) {}

        @Override
        public int instances() {
            return 1;
        }

        @Override
        public void close() {}
    }
}
