// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import io.capaee.api.json.Jsonp;
import io.capaee.api.routes.RouteDocument;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bodies exactly as Capsule's Go server wrote them: compact JSON, keys sorted, {@code <>&}
 * escaped, {@code application/json; charset=utf-8}.
 */
public final class CapsuleJson {
    public static final String MEDIA_TYPE = "application/json; charset=utf-8";
    public static final String HOUSTON = "{\"code\":\"ERROR\",\"message\":\"\uD83D\uDE22 Houston? We have a problem \uD83E\uDD75\"}";
    public static final String PAGE_NOT_FOUND = "{\"code\":\"PAGE_NOT_FOUND\",\"message\":\"\uD83D\uDE22 Page not found \uD83E\uDD75\"}";

    private CapsuleJson() {}

    /** An object of string fields, keys sorted. */
    public static String object(Map<String, String> fields) {
        JsonObjectBuilder o = Jsonp.createObjectBuilder();
        new TreeMap<>(fields).forEach(o::add);
        return goEscape(o.build().toString());
    }

    /** The route map {@code {fn:{rev:[urls]}}}, keys sorted. */
    public static String routes(Map<String, Map<String, List<String>>> routes) {
        return goEscape(RouteDocument.write(routes));
    }

    /** Capsule 0.1.9's {@code /urls} answer: an array indented by 4 spaces (Go's MarshalIndent), {@code null} when unknown. */
    public static String indentedUrls(List<String> urls) {
        if (urls.isEmpty()) {
            return "[]";
        }
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < urls.size(); i++) {
            b.append("    ").append(goEscape(Jsonp.createValue(urls.get(i)).toString())).append(i + 1 < urls.size() ? ",\n" : "\n");
        }
        return b.append(']').toString();
    }

    public static Response response(int status, String body) {
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }

    /** The characters can only occur inside JSON strings, so replacing them anywhere is safe. */
    private static String goEscape(String json) {
        if (json.indexOf('<') < 0 && json.indexOf('>') < 0 && json.indexOf('&') < 0) {
            return json;
        }
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
