// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The annotation processor run by javac itself, on a schema with an import and on a broken one. */
class CapnpProcessorTest {
    @TempDir
    Path dir;

    private boolean compile(String schemaFile, String schema, StringWriter out) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/com/example/orders"));
        Path res = Files.createDirectories(dir.resolve("src/rpc"));
        Files.writeString(res.resolve("common.capnp"), "@0xc1d2e3f4a5b6c7d8;\nstruct Money { cents @0 :Int64; }\n");
        Files.writeString(res.resolve(schemaFile), schema);
        Files.writeString(src.resolve("package-info.java"),
                "@io.capaee.api.rpc.codegen.CapnpSchema(\"rpc/" + schemaFile + "\")\npackage com.example.orders;\n");
        Files.writeString(src.resolve("Use.java"), """
                package com.example.orders;
                class Use {
                    static byte[] bytes() {
                        return new Order("o-1", new Money(250L)).encode();
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        return javac.getTask(out, null, null, List.of("-processor", CapnpProcessor.class.getName(),
                "-sourcepath", dir.resolve("src").toString(), "-d", classes.toString(), "-s", classes.toString(),
                "-classpath", System.getProperty("java.class.path")),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(
                        src.resolve("package-info.java"), src.resolve("Use.java"))).call();
    }

    @Test
    void generatesRecordsTheSameCompilationUses() throws Exception {
        StringWriter out = new StringWriter();
        boolean ok = compile("orders.capnp", """
                @0xa1a2a3a4a5a6a7a8;
                using Common = import "common.capnp";
                struct Order { id @0 :Text; total @1 :Common.Money; }
                """, out);
        assertTrue(ok, out.toString());
        assertTrue(Files.exists(dir.resolve("classes/com/example/orders/Order.class")));
        assertTrue(Files.exists(dir.resolve("classes/com/example/orders/Money.class")), "the import is generated too");
    }

    @Test
    void aSchemaErrorFailsTheBuildNamingFileLineAndColumn() throws Exception {
        StringWriter out = new StringWriter();
        boolean ok = compile("orders.capnp", "@0xa1a2a3a4a5a6a7a8;\nstruct Order {\n  id @0 :Text;\n  total @0 :Int64;\n}\n", out);
        assertFalse(ok);
        assertTrue(out.toString().contains("rpc/orders.capnp:4:"), out.toString());
        assertEquals(-1, out.toString().indexOf("Exception"), out.toString());
    }
}
