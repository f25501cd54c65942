// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ListingTextTest {
    private static final Path DIR = Path.of("/opt/liberty/wlp/usr/servers/capa/functions");

    @Test
    void aFileOfTheFunctionsDirectoryIsShownRelativeToIt() {
        assertEquals("directory:hello.wasm", ListingText.source(DIR, DIR.resolve("hello.wasm").toString()));
        assertEquals("directory:hello/v9.wasm", ListingText.source(DIR, DIR.resolve("hello/v9.wasm").toString()));
    }

    @Test
    void anotherFileIsShownByItsNameOnly() {
        assertEquals("file:hello.wasm", ListingText.source(DIR, "/home/admin/modules/hello.wasm"));
    }

    @Test
    void registrySourcesStayAndDownloadsBecomeTheirKind() {
        assertEquals("registry:acme/hello/1.0", ListingText.source(DIR, "registry:acme/hello/1.0"));
        assertEquals("download", ListingText.source(DIR, "https://user:pw@internal:8443/hello.wasm?token=x"));
    }

    @Test
    void aUrlOfThisServerIsShownAsItsPath() {
        assertEquals("/wasm/functions/hello/v1", ListingText.path("http://10.1.2.3:9080/wasm/functions/hello/v1"));
    }
}
