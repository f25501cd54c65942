// SPDX-License-Identifier: Apache-2.0
package io.capaee.config;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The setting names a Markdown page mentions in code spans and code blocks: dotted names in the
 * namespaces of Capa EE's settings ({@code capa.}, {@code functions.}, {@code proxy.}...), also when
 * given as {@code -Dliberty.var.NAME=VALUE} or {@code NAME=VALUE}. Values that only look like settings
 * (the default subjects {@code capa.input}, {@code capa.jsinput} and the RPC prefix {@code capa.rpc})
 * are not settings.
 */
final class SettingMentions {
    private static final Pattern CODE = Pattern.compile("```[^\\n]*\\n(.*?)```|`([^`\\n]+)`", Pattern.DOTALL);
    private static final Pattern SETTING = Pattern.compile(
            "(capa|functions|proxy|worker|registry|invoke|rpc|http|https)(\\.([a-z0-9][a-z0-9-]*|[A-Z][A-Z0-9_]*|\\*[a-z0-9-]*))+");
    /**
     * Values and names that look like settings: subjects, a prefix, Python's web server module, and the OpenTelemetry
     * semantic attributes of the traces' spans (docs/operations.md).
     */
    private static final Set<String> VALUES = Set.of("capa.input", "capa.jsinput", "capa.rpc", "http.server",
            "http.request.method", "rpc.system", "rpc.service", "rpc.method");

    private SettingMentions() {
    }

    static Set<String> in(String markdown) {
        Set<String> mentions = new LinkedHashSet<>();
        Matcher code = CODE.matcher(markdown);
        while (code.find()) {
            String text = code.group(1) != null ? code.group(1) : code.group(2);
            for (String token : text.replace("liberty.var.", " ").replace("liberty.bootstrap.", " ")
                    .split("[\\s=,()'\"<>\\[\\]{}|;:`$@#]+")) {
                if (SETTING.matcher(token).matches() && !VALUES.contains(token)) {
                    mentions.add(token);
                }
            }
        }
        return mentions;
    }
}
