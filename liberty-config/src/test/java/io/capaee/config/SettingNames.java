// SPDX-License-Identifier: Apache-2.0
package io.capaee.config;

import java.util.regex.Pattern;

/**
 * The naming scheme of settings: {@code capa.<area>.<name>}, lower-case words joined by '-', more
 * dotted parts allowed ({@code capa.bindings.kafka.topic}), upper-case placeholders for names of the
 * user's choice ({@code capa.functions.NAME.timeout}). Liberty's own {@code http.*} and
 * {@code https.*}, and MicroProfile Fault Tolerance's keys ({@code Class/method/Annotation/parameter},
 * names fixed by that specification), and OpenTelemetry's {@code otel.*} (fixed by MicroProfile Telemetry), are not
 * ours to name.
 */
final class SettingNames {
    private static final String WORD = "(?:[a-z0-9]+(?:-[a-z0-9]+)*|[A-Z][A-Z0-9_]*)";
    private static final Pattern SCHEME = Pattern.compile("capa\\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\\." + WORD + ")+");
    private static final Pattern LIBERTY = Pattern.compile("https?\\." + WORD + "(?:\\." + WORD + ")*");
    private static final Pattern OPEN_TELEMETRY = Pattern.compile("otel\\.[a-z0-9]+(?:\\.[a-z0-9]+)*");
    private static final Pattern FAULT_TOLERANCE = Pattern.compile("[\\w.$]+(?:/\\w+)?/(?:Timeout|Retry|CircuitBreaker|Bulkhead|Fallback|Asynchronous)/\\w+");

    private SettingNames() {
    }

    static boolean followsTheScheme(String name) {
        return SCHEME.matcher(name).matches() || LIBERTY.matcher(name).matches() || FAULT_TOLERANCE.matcher(name).matches()
                || OPEN_TELEMETRY.matcher(name).matches();
    }
}
