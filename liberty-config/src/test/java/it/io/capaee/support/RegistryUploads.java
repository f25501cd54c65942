// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Module uploads to a server's registry, as Capsule's CLI makes them (multipart: the file and its info). */
public final class RegistryUploads {
    private RegistryUploads() {
    }

    public static HttpResponse<String> upload(String org, String name, String tag, byte[] wasm, String info) throws Exception {
        return upload(Server.base(), org, name, tag, wasm, info);
    }

    /** Uploads to the registry of the server at {@code base}. */
    public static HttpResponse<String> upload(String base, String org, String name, String tag, byte[] wasm, String info) throws Exception {
        String boundary = "capa" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + ".wasm\"\r\n"
                + "Content-Type: application/wasm\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(wasm);
        body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"info\"\r\n\r\n" + info + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return Server.send(HttpRequest.newBuilder(URI.create(base + "/registry/upload/" + org + "/" + name + "/" + tag))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body.toByteArray())));
    }
}
