// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

import io.capaee.api.registry.ModuleStore;
import io.capaee.api.registry.ModuleCoordinates;
import io.capaee.api.registry.ModuleRecord;
import io.capaee.api.registry.RegistryException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.RequestContext;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletDiskFileUpload;

/**
 * Reads Capsule's upload form ({@code file} part, optional {@code info} field) and streams the
 * file part straight into the store: no copy of the module is held in memory or written to a
 * temporary file first.
 *
 * <p>Why commons-fileupload2's streaming API: JAX-RS 3.1 {@code EntityPart} (RESTEasy in
 * Liberty) materialises every part before the resource method runs, and the Servlet
 * {@code @MultipartConfig} parser writes a large part to a temporary file before the servlet
 * sees it (a second full write of every module, with the size limit checked only afterwards).
 * {@code FileItemInputIterator} hands out each part as a stream over the request body, so the
 * store hashes, counts, validates and writes the module in one pass and stops reading at the
 * limit. The {@code info} field may come before or after the file (curl sends them in
 * command-line order): after it, it is read once the module has been stored aside and before
 * it is committed.
 */
final class MultipartUpload {
    static final int MAX_INFO_BYTES = 64 * 1024;

    /** What was stored, and the file name the client gave. */
    record Result(ModuleRecord record, String fileName) {}

    private MultipartUpload() {}

    static Result store(ModuleStore store, ModuleCoordinates coordinates, boolean replace, long maxBytes, String contentType,
            InputStream body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw missing("expected multipart/form-data with a 'file' part and an optional 'info' field, got "
                    + (contentType == null ? "no Content-Type" : contentType));
        }
        try {
            FileItemInputIterator parts = new JakartaServletDiskFileUpload().getItemIterator(new StreamContext(contentType, body));
            String info = null;
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if ("info".equals(part.getFieldName()) && info == null) {
                    info = readInfo(part);
                } else if ("file".equals(part.getFieldName()) && !part.isFormField()) {
                    String before = info;
                    String fileName = part.getName() == null || part.getName().isBlank() ? coordinates.name() + ".wasm" : part.getName();
                    ModuleRecord record = store.put(coordinates, new ClientInput(part.getInputStream()),
                            () -> before != null ? before : infoAfter(parts), replace, maxBytes);
                    return new Result(record, fileName);
                }
            }
        } catch (IOException e) {
            throw malformed(e);
        }
        throw missing("the upload has no 'file' part (multipart/form-data field 'file' with the module)");
    }

    private static String infoAfter(FileItemInputIterator parts) {
        try {
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if ("info".equals(part.getFieldName())) {
                    return readInfo(part);
                }
            }
            return "";
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private static String readInfo(FileItemInput part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_INFO_BYTES + 1);
            if (bytes.length > MAX_INFO_BYTES) {
                throw new RegistryException(RegistryException.Reason.TOO_LARGE, "the 'info' field is larger than " + MAX_INFO_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static RegistryException missing(String message) {
        return new RegistryException(RegistryException.Reason.MISSING_PART, message);
    }

    private static RegistryException malformed(IOException e) {
        return new RegistryException(RegistryException.Reason.MISSING_PART, "the multipart upload is malformed or was cut short: " + e.getMessage(), e);
    }

    /** The client's bytes: a read failure is the client's (400), not the store's (500). */
    private static final class ClientInput extends FilterInputStream {
        ClientInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw malformed(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw malformed(e);
            }
        }
    }

    /** The request as commons-fileupload sees it: the JAX-RS entity stream, not the servlet's. */
    private record StreamContext(String contentType, InputStream body) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }
}
