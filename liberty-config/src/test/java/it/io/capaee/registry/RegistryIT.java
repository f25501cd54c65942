// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.RemoteClient;
import it.io.capaee.support.Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The module registry ({@code /registry}) over HTTP: Capsule's upload vector, digests and
 * conditional GET, info, listing, immutable tags, deletion, and every refusal. The suite runs
 * without an admin token, so writes are admitted from loopback only; the test server's limit is
 * 1 MiB ({@code capa.registry.max-module-bytes} in the start-server execution).
 */
@Isolated("proves that a refused upload wrote no file anywhere in the servers' directory, where other classes write")
class RegistryIT {
    private static final String BOUNDARY = "capa-it-boundary-7d3f";

    @BeforeAll
    static void clean() throws Exception {
        for (String module : List.of("k33g/hola/0.0.0", "it-dl/mod/1", "it-info/mod/1", "it-list/a/1", "it-list/b/1", "it-list2/a/1",
                "it-imm/mod/1", "it-del/mod/1", "it-order/mod/1", "k33g/a/1", "it-keep/mod/1")) {
            Server.send(Server.request("/registry/" + module).DELETE());
        }
    }

    static Path registryDir() {
        return Server.dir().resolve("registry");
    }

    static byte[] multipart(byte[] file, String fileName, String info, boolean infoFirst) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (info != null && infoFirst) {
            field(out, info);
        }
        if (file != null) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(file);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        if (info != null && !infoFirst) {
            field(out, info);
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String info) {
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"info\"\r\n\r\n" + info + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> upload(String path, byte[] body) throws Exception {
        return Server.send(Server.request(path).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(BodyPublishers.ofByteArray(body)));
    }

    static HttpResponse<String> upload(String module, byte[] wasm, String info) throws Exception {
        return upload("/registry/upload/" + module, multipart(wasm, "m.wasm", info, false));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static void assertProblem(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.body());
        assertTrue(r.body().contains("\"status\":" + status), r.body());
    }

    /** Every regular file in the server's user directory, to prove a refusal wrote nothing. */
    static List<String> files() throws IOException {
        Path usr = Server.dir().getParent().getParent();
        try (Stream<Path> all = Files.walk(usr)) {
            return all.filter(Files::isRegularFile).map(usr::relativize).map(Path::toString)
                    .filter(p -> !p.contains("/logs/") && !p.contains("/workarea/") && !p.contains("/tranlog/")).sorted().toList();
        }
    }

    @Test
    void capsulesUploadVectorStoresTheModuleAndItsInfo() throws Exception {
        byte[] wasm = Server.guest("hello-cli");
        HttpResponse<String> r = upload("/registry/upload/k33g/hola/0.0.0", multipart(wasm, "hola.wasm", "hi", false));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"code\":\"OK\""), r.body());
        assertTrue(r.body().contains("\"message\":\"\uD83D\uDE42 hola.wasm uploaded!\""), r.body());
        assertTrue(r.body().contains("\"sha256\":\"" + sha256(wasm) + "\""), r.body());
        assertTrue(r.body().contains("\"size\":" + wasm.length), r.body());
        assertTrue(r.body().contains("\"module\":\"k33g/hola/0.0.0\""), r.body());
        Path tag = registryDir().resolve("k33g/hola/0.0.0");
        assertArrayEquals(wasm, Files.readAllBytes(tag.resolve("hola.wasm")));
        assertEquals("hi\n", Files.readString(tag.resolve("hola.info")));
    }

    @Test
    void downloadsCarryTheDigestAndAnswerConditionalGets() throws Exception {
        byte[] wasm = Server.guest("hello-http");
        assertEquals(200, upload("it-dl/mod/1", wasm, "about").statusCode());
        HttpResponse<byte[]> r = Server.CLIENT.send(Server.request("/registry/it-dl/mod/1/mod.wasm").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertArrayEquals(wasm, r.body());
        assertEquals("application/wasm", r.headers().firstValue("Content-Type").orElse(""));
        String etag = "\"" + sha256(wasm) + "\"";
        assertEquals(etag, r.headers().firstValue("ETag").orElse(""));
        assertEquals("sha-256=" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(wasm)),
                r.headers().firstValue("Digest").orElse(""));

        HttpResponse<String> cached = Server.send(Server.request("/registry/it-dl/mod/1/mod.wasm").header("If-None-Match", etag));
        assertEquals(304, cached.statusCode());
        assertEquals(etag, cached.headers().firstValue("ETag").orElse(""));
        HttpResponse<String> stale = Server.send(Server.request("/registry/it-dl/mod/1/mod.wasm").header("If-None-Match", "\"0000\""));
        assertEquals(200, stale.statusCode());

        HttpResponse<String> info = Server.get("/registry/it-dl/mod/1/mod.info");
        assertEquals(200, info.statusCode());
        assertEquals("about\n", info.body());
        assertTrue(info.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String infoTag = info.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, Server.send(Server.request("/registry/it-dl/mod/1/mod.info").header("If-None-Match", infoTag)).statusCode());

        assertProblem(404, Server.get("/registry/it-dl/mod/1/other.wasm"));
        assertProblem(400, Server.get("/registry/it-dl/mod/1/.module.properties"));
        assertProblem(404, Server.get("/registry/it-dl/mod/2/mod.wasm"));
    }

    @Test
    void infoIsCapsulesTextOrAJsonRecord() throws Exception {
        byte[] wasm = Server.guest("hello-cli");
        assertEquals(200, upload("it-info/mod/1", wasm, "some text").statusCode());
        HttpResponse<String> text = Server.get("/registry/info/it-info/mod/1");
        assertEquals(200, text.statusCode());
        assertEquals("some text\n", text.body());
        HttpResponse<String> json = Server.send(Server.request("/registry/info/it-info/mod/1").header("Accept", "application/json"));
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        for (String expected : List.of("\"sha256\":\"" + sha256(wasm) + "\"", "\"size\":" + wasm.length, "\"info\":\"some text\"",
                "\"uploadedAt\":\"", "\"module\":\"it-info/mod/1\"", "\"url\":\"" + Server.base() + "/registry/it-info/mod/1/mod.wasm\"")) {
            assertTrue(json.body().contains(expected), expected + " in " + json.body());
        }
        assertProblem(404, Server.get("/registry/info/it-info/mod/9"));
    }

    @Test
    void theListingIsRecordsFilteredByOrgAndName() throws Exception {
        byte[] wasm = Server.guest("hello-cli");
        for (String module : List.of("it-list/a/1", "it-list/b/1", "it-list2/a/1")) {
            assertEquals(200, upload(module, wasm, module).statusCode());
        }
        String all = Server.get("/registry/modules").body();
        assertTrue(all.startsWith("["), all);
        assertTrue(all.contains("\"module\":\"it-list/a/1\"") && all.contains("\"module\":\"it-list2/a/1\""), all);
        String org = Server.get("/registry/modules?org=it-list").body();
        assertTrue(org.contains("\"module\":\"it-list/a/1\"") && org.contains("\"module\":\"it-list/b/1\""), org);
        assertFalse(org.contains("it-list2"), org);
        String orgAndName = Server.get("/registry/modules?org=it-list&name=a").body();
        assertTrue(orgAndName.contains("\"module\":\"it-list/a/1\""), orgAndName);
        assertFalse(orgAndName.contains("it-list/b/1"), orgAndName);
        assertTrue(orgAndName.contains("\"url\":\"" + Server.base() + "/registry/it-list/a/1/a.wasm\""), orgAndName);
        assertEquals("[]", Server.get("/registry/modules?org=nobody-here").body());
        assertProblem(400, Server.get("/registry/modules?org=..%2F.."));
    }

    @Test
    void tagsAreImmutableUnlessTheUploadAsksToReplace() throws Exception {
        byte[] first = Server.guest("hello-cli");
        byte[] second = Server.guest("hello-http");
        assertEquals(200, upload("it-imm/mod/1", first, "one").statusCode());
        HttpResponse<String> again = upload("it-imm/mod/1", second, "two");
        assertProblem(409, again);
        assertTrue(again.body().contains("already exists"), again.body());
        assertArrayEquals(first, Files.readAllBytes(registryDir().resolve("it-imm/mod/1/mod.wasm")));

        HttpResponse<String> replaced = upload("/registry/upload/it-imm/mod/1?replace=true", multipart(second, "m.wasm", "two", false));
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertTrue(replaced.body().contains(sha256(second)), replaced.body());
        assertArrayEquals(second, Files.readAllBytes(registryDir().resolve("it-imm/mod/1/mod.wasm")));
        assertEquals("two\n", Server.get("/registry/info/it-imm/mod/1").body());
        assertProblem(400, upload("/registry/upload/it-imm/mod/1?replace=maybe", multipart(second, "m.wasm", "", false)));
    }

    @Test
    void theInfoFieldMayComeBeforeOrAfterTheFile() throws Exception {
        byte[] wasm = Server.guest("hello-cli");
        assertEquals(200, upload("/registry/upload/it-order/mod/1", multipart(wasm, "m.wasm", "first", true)).statusCode());
        assertEquals("first\n", Server.get("/registry/info/it-order/mod/1").body());
        assertEquals(200, upload("/registry/upload/it-order/mod/1?replace", multipart(wasm, "m.wasm", null, false)).statusCode());
        assertEquals("\n", Server.get("/registry/info/it-order/mod/1").body(), "no info field: empty, as Capsule");
    }

    @Test
    void aDeletedTagIsGone() throws Exception {
        assertEquals(200, upload("it-del/mod/1", Server.guest("hello-cli"), "").statusCode());
        HttpResponse<String> deleted = Server.send(Server.request("/registry/it-del/mod/1").DELETE());
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertTrue(deleted.body().contains("\"code\":\"OK\""), deleted.body());
        assertProblem(404, Server.get("/registry/info/it-del/mod/1"));
        assertProblem(404, Server.get("/registry/it-del/mod/1/mod.wasm"));
        assertFalse(Files.exists(registryDir().resolve("it-del/mod/1")));
        assertProblem(404, Server.send(Server.request("/registry/it-del/mod/1").DELETE()));
    }

    /**
     * Liberty's web container answers some of these itself (its own 4xx page, before the request
     * reaches the registry); whatever reaches the registry is refused by {@code ModuleCoordinates}
     * as a 400 problem. Either way: a client error, and no file written anywhere.
     */
    @Test
    void pathTraversalInAnySegmentIsRefusedAndWritesNothing() throws Exception {
        byte[] body = multipart(Server.guest("hello-cli"), "evil.wasm", "x", false);
        List<String> before = files();
        List<String> paths = new java.util.ArrayList<>();
        for (String dots : List.of("%2e%2e", "%2E%2E", ".%2e", "..")) {
            paths.add("/registry/upload/" + dots + "/evil/1");
            paths.add("/registry/upload/k33g/" + dots + "/1");
            paths.add("/registry/upload/k33g/evil/" + dots);
        }
        for (String odd : List.of("a%2Fb", "a%5Cb", "a%20b", "%C3%A9", ".hidden", "a%00b")) {
            paths.add("/registry/upload/k33g/" + odd + "/1");
        }
        StringBuilder seen = new StringBuilder();
        for (String path : paths) {
            HttpResponse<String> r = upload(path, body);
            refusedAsClientError(path, r, seen);
        }
        for (String dots : List.of("%2e%2e", ".%2e", "..")) {
            refusedAsClientError("GET org", Server.get("/registry/" + dots + "/x/1/x.wasm"), seen);
            refusedAsClientError("GET file", Server.get("/registry/k33g/hola/0.0.0/" + dots), seen);
            refusedAsClientError("GET info", Server.get("/registry/info/k33g/" + dots + "/1"), seen);
        }
        System.out.println("traversal answers:\n" + seen);
        assertEquals(before, files());
        assertProblem(400, Server.get("/registry/k33g/hola/0.0.0/..hola.wasm"));
    }

    private static void refusedAsClientError(String what, HttpResponse<String> r, StringBuilder seen) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        seen.append(r.request().uri().getRawPath()).append(" -> ").append(r.statusCode()).append(' ').append(type).append('\n');
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, what + " " + r.request().uri() + " -> " + r.statusCode());
        if (type.startsWith("application/problem+json")) {
            assertTrue(r.statusCode() == 400 || r.statusCode() == 404, what + " -> " + r.statusCode() + " " + r.body());
        }
    }

    @Test
    void badUploadsAreRefusedWithAProblemAndWriteNothing() throws Exception {
        List<String> before = files();
        HttpResponse<String> noFile = upload("/registry/upload/it-bad/mod/1", multipart(null, null, "info only", true));
        assertProblem(400, noFile);
        assertTrue(noFile.body().contains("'file'"), noFile.body());
        assertProblem(400, Server.send(Server.request("/registry/upload/it-bad/mod/1").header("Content-Type", "application/wasm")
                .POST(BodyPublishers.ofByteArray(Server.guest("hello-cli")))));
        assertProblem(400, upload("/registry/upload/it-bad/mod/1", "--nonsense".getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> notWasm = upload("it-bad/mod/1", "<html>definitely not wasm</html>".getBytes(StandardCharsets.UTF_8), "");
        assertProblem(422, notWasm);
        assertTrue(notWasm.body().contains("magic"), notWasm.body());
        byte[] truncated = java.util.Arrays.copyOf(Server.guest("hello-cli"), 1000);
        assertProblem(422, upload("it-bad/mod/1", truncated, ""));

        byte[] big = new byte[2 << 20]; // a well-formed module of 2 MiB: header and one custom section
        byte[] head = {0, 'a', 's', 'm', 1, 0, 0, 0, 0};
        System.arraycopy(head, 0, big, 0, head.length);
        int section = big.length - head.length - 5;
        for (int i = 0; i < 5; i++) {
            big[head.length + i] = (byte) ((section >>> (7 * i)) & 0x7f | (i < 4 ? 0x80 : 0));
        }
        HttpResponse<String> tooBig = upload("it-bad/mod/1", big, "");
        assertProblem(413, tooBig);
        assertTrue(tooBig.body().contains("1048576"), tooBig.body());

        assertProblem(404, Server.get("/registry/info/it-bad/mod/1"));
        assertEquals(before, files());
    }

    @Test
    void unknownRoutesAreProblemsWithCapsulesCode() throws Exception {
        HttpResponse<String> r = Server.get("/registry/no/such/route/at/all");
        assertProblem(404, r);
        assertTrue(r.body().contains("\"code\":\"PAGE_NOT_FOUND\""), r.body());
        assertProblem(405, Server.send(Server.request("/registry/modules").DELETE()));
    }

    @Test
    void writesAreAdmittedFromLoopbackAndRefusedFromElsewhereWithoutAToken() throws Exception {
        // loopback: every upload above succeeded; a stray token header changes nothing when none is configured
        HttpResponse<String> r = Server.send(Server.request("/registry/it-nothing/x/1").header("X-Capa-Admin-Token", "guess").DELETE());
        assertProblem(404, r);

        RemoteClient.Answer refused = RemoteClient.send("POST", "/registry/upload/it-remote/mod/1",
                multipart(Server.guest("hello-cli"), "m.wasm", "", false), "Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        assertEquals(401, refused.status(), refused.toString());
        assertTrue(refused.isProblem() && refused.body().contains("\"from\":\"registry\""), refused.toString());
        assertEquals(200, upload("/registry/upload/it-keep/mod/1", multipart(Server.guest("hello-cli"), "m.wasm", "", false)).statusCode());
        RemoteClient.Answer delete = RemoteClient.send("DELETE", "/registry/it-keep/mod/1", (byte[]) null);
        assertEquals(401, delete.status(), delete.toString());
        assertFalse(Files.exists(registryDir().resolve("it-remote")));
        assertTrue(Files.exists(registryDir().resolve("it-keep/mod/1")), "nothing deleted");
        // downloads stay public, the listing needs a viewer
        assertEquals(401, RemoteClient.get("/registry/modules").status());
        assertEquals(200, RemoteClient.get("/registry/modules", "Authorization",
                "Basic " + java.util.Base64.getEncoder().encodeToString("it-viewer:it-viewer-pw".getBytes())).status());
    }
}
