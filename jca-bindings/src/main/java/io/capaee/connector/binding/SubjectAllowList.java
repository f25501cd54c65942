// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingException.Reason;
import io.capaee.connector.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The subjects (or topics) a caller may choose through request metadata: the binding's own
 * configured one, and those matching the operator's patterns in the broker's own wildcard syntax
 * ({@link Namespace}: NATS and Kafka {@code orders.*.created}, {@code orders.>}; MQTT
 * {@code orders/+/created}, {@code orders/#}). With no patterns a caller may name only the
 * configured subject: a binding is not an anonymous broker client.
 *
 * <p>Subjects under a reserved prefix (NATS's {@code $JS.}, {@code $SYS.}, {@code _INBOX.},
 * {@code $KV.}, {@code $O.}: stream deletion, stored messages, other clients' replies; MQTT's
 * {@code $} topics) are refused even when a wildcard would match them, unless a pattern names the
 * prefix itself (e.g. {@code $JS.API.STREAM.INFO.*}).
 */
public final class SubjectAllowList {

    /**
     * A broker's subject syntax: what separates tokens, the wildcard of one token, the wildcard of
     * the rest (one or more tokens, last only), and the prefixes only a pattern naming them opens.
     */
    public record Namespace(String separator, String one, String rest, List<String> reserved) {
        /** NATS's API and internal subject spaces are reserved. */
        public static final Namespace NATS = new Namespace(".", "*", ">", List.of("$JS.", "$SYS.", "_INBOX.", "$KV.", "$O."));
        /** Kafka's internal topics ({@code __consumer_offsets}, {@code __transaction_state}) are reserved. */
        public static final Namespace KAFKA = new Namespace(".", "*", ">", List.of("__"));
        /** MQTT's {@code $} topics ({@code $SYS/}, {@code $share/}) are reserved. */
        public static final Namespace MQTT = new Namespace("/", "+", "#", List.of("$"));
        /** RabbitMQ routing keys (topic exchanges' syntax); the broker's own {@code amq.} names are reserved. */
        public static final Namespace RABBITMQ = new Namespace(".", "*", "#", List.of("amq."));

        String[] split(String subject) {
            return subject.split(java.util.regex.Pattern.quote(separator), -1);
        }
    }

    private final String what;
    private final String property;
    private final String configured;
    private final Namespace namespace;
    private final List<String> patterns;

    /**
     * @param what       "subject" or "topic", for messages
     * @param property   the connection-factory property holding the patterns, for messages
     * @param configured the binding's own subject; empty when none
     * @param patterns   comma-separated patterns; empty or null for none
     */
    public SubjectAllowList(String what, String property, String configured, String patterns, Namespace namespace) {
        this.what = what;
        this.property = property;
        this.configured = configured == null ? "" : configured.strip();
        this.namespace = namespace;
        List<String> parsed = new ArrayList<>();
        if (patterns != null) {
            for (String raw : patterns.split(",")) {
                String p = raw.strip();
                if (!p.isEmpty()) {
                    parsed.add(validPattern(p));
                }
            }
        }
        this.patterns = List.copyOf(parsed);
    }

    private String validPattern(String p) {
        String[] tokens = namespace.split(p);
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            boolean bad = t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)
                    || (t.contains(namespace.one()) && !t.equals(namespace.one()))
                    || (t.contains(namespace.rest()) && !(t.equals(namespace.rest()) && i == tokens.length - 1));
            if (bad) {
                throw new InvalidConfigException(property, "'" + p + "' is not a pattern: tokens separated by '"
                        + namespace.separator() + "', '" + namespace.one() + "' for one whole token, '" + namespace.rest()
                        + "' only as the last token");
            }
        }
        return p;
    }

    /** Throws a FORBIDDEN {@link OutputBindingException} naming {@code chosen} and the property, unless it is allowed. */
    public void check(String chosen) {
        if (!allows(chosen)) {
            throw new OutputBindingException(Reason.FORBIDDEN, what + " '" + chosen + "' is not one this binding lets"
                    + " callers choose: only its configured " + what + (configured.isEmpty() ? " (none)" : " '" + configured + "'")
                    + " and those matching its " + property + " property (server.xml variable capa.bindings.<binding>.allow)"
                    + (reservedPrefix(chosen) == null ? "" : "; '" + reservedPrefix(chosen)
                            + "' is reserved and needs a pattern that names it"));
        }
    }

    public boolean allows(String chosen) {
        if (chosen.equals(configured)) {
            return true;
        }
        String prefix = reservedPrefix(chosen);
        for (String p : patterns) {
            if (matches(namespace, p, chosen) && (prefix == null || literalHead(p).startsWith(prefix))) {
                return true;
            }
        }
        return false;
    }

    private String reservedPrefix(String subject) {
        for (String r : namespace.reserved()) {
            if (subject.startsWith(r)) {
                return r;
            }
        }
        return null;
    }

    /** The pattern's text before its first wildcard token. */
    private String literalHead(String pattern) {
        StringBuilder head = new StringBuilder();
        for (String t : namespace.split(pattern)) {
            if (t.equals(namespace.one()) || t.equals(namespace.rest())) {
                break;
            }
            head.append(t).append(namespace.separator());
        }
        return head.toString();
    }

    static boolean matches(Namespace namespace, String pattern, String subject) {
        String[] p = namespace.split(pattern);
        String[] s = namespace.split(subject);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(namespace.rest())) {
                return s.length > i;
            }
            if (i >= s.length || !(p[i].equals(namespace.one()) ? !s[i].isEmpty() : p[i].equals(s[i]))) {
                return false;
            }
        }
        return p.length == s.length;
    }
}
