// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page of every WAR (declared in each {@code web.xml}): errors the web container raises
 * before an application sees the request (an encoded {@code .}, {@code /}, {@code \} or NUL in
 * the path, which Liberty refuses) would otherwise reach the client as an HTML page with an
 * exception and a stack frame in it. They become a problem detail that names what was wrong
 * and nothing of the server's insides.
 */
public class ErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : code == null ? 404 : 500; // no code: asked for directly
        Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String reason = thrown instanceof Throwable t ? String.valueOf(t.getMessage()) : "";
        String detail;
        String kind;
        if (reason.contains("CWWWC0005I")) {
            status = 400;
            kind = "bad-request-uri";
            detail = "the request path has encoded characters that are refused: an encoded '.', '/', '\\' or NUL"
                    + " (%2e, %2f, %5c, %00) could name a file or route other than the one it seems to";
        } else {
            kind = "http-" + status;
            detail = status == 404 ? "nothing is served at this path" : "the request could not be handled";
        }
        response.reset();
        ServletReplies.write(response, status, Problem.MEDIA_TYPE, Problem.json(status, kind, title(status), detail));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "HTTP " + status;
        };
    }
}
