// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client's request and the proxy's response without a container: only what {@link Exchange}
 * and {@link ForwardServlet#write} call is answered, anything else fails the test.
 */
final class FakeServletExchange {
    final HttpServletRequest request;
    final HttpServletResponse response;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;
    private String contentType;

    /** The raw request URI the servlet sees; set it before the exchange runs. */
    String requestUri = "/functions/f/x";

    FakeServletExchange(String method, Map<String, String> headers, byte[] requestBody) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        ByteArrayInputStream in = new ByteArrayInputStream(requestBody);
        ServletInputStream servletIn = new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> requestUri;
                    case "getContextPath" -> "";
                    case "getQueryString" -> null;
                    case "getContentLengthLong" -> (long) requestBody.length;
                    case "getHeader" -> lower.get(((String) args[0]).toLowerCase(Locale.ROOT));
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getHeaders" -> Collections.enumeration(List.of(lower.get(((String) args[0]).toLowerCase(Locale.ROOT))));
                    case "getInputStream" -> servletIn;
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "getServerName" -> "localhost";
                    case "getServerPort" -> 9080;
                    case "getScheme" -> "http";
                    default -> throw new UnsupportedOperationException("request." + m.getName());
                });
        ServletOutputStream servletOut = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status = (Integer) args[0];
                        yield null;
                    }
                    case "setContentType" -> {
                        contentType = (String) args[0];
                        yield null;
                    }
                    case "reset" -> {
                        status = 200;
                        contentType = null;
                        body.reset();
                        yield null;
                    }
                    case "isCommitted" -> false;
                    case "getOutputStream" -> servletOut;
                    case "addHeader", "setContentLength", "setContentLengthLong", "setBufferSize", "flushBuffer" -> null;
                    default -> throw new UnsupportedOperationException("response." + m.getName());
                });
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    String body() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
