// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingException.Reason;
import io.capaee.connector.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The subjects (or topics) a caller may choose through request metadata: the binding's own
 * configured one, and those matching the operator's patterns, NATS-style ({@code .} separates
 * tokens, {@code *} matches one token, a final {@code >} one or more). With no patterns a caller
 * may name only the configured subject: a binding is not an anonymous broker client.
 *
 * <p>Subjects under a reserved prefix (NATS's {@code $JS.}, {@code $SYS.}, {@code _INBOX.},
 * {@code $KV.}, {@code $O.}: stream deletion, stored messages, other clients' replies) are refused
 * even when a wildcard would match them, unless a pattern names the prefix itself
 * (e.g. {@code $JS.API.STREAM.INFO.*}).
 */
public final class SubjectAllowList {
    /** NATS's API and internal subject spaces. */
    public static final List<String> NATS_RESERVED = List.of("$JS.", "$SYS.", "_INBOX.", "$KV.", "$O.");
    /** Kafka's internal topics ({@code __consumer_offsets}, {@code __transaction_state}). */
    public static final List<String> KAFKA_RESERVED = List.of("__");

    private final String what;
    private final String property;
    private final String configured;
    private final List<String> reserved;
    private final List<String> patterns;

    /**
     * @param what       "subject" or "topic", for messages
     * @param property   the connection-factory property holding the patterns, for messages
     * @param configured the binding's own subject; empty when none
     * @param patterns   comma-separated patterns; empty or null for none
     */
    public SubjectAllowList(String what, String property, String configured, String patterns, List<String> reserved) {
        this.what = what;
        this.property = property;
        this.configured = configured == null ? "" : configured.strip();
        this.reserved = List.copyOf(reserved);
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
        String[] tokens = p.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            boolean bad = t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)
                    || (t.contains("*") && !t.equals("*")) || (t.contains(">") && !(t.equals(">") && i == tokens.length - 1));
            if (bad) {
                throw new InvalidConfigException(property, "'" + p + "' is not a pattern: tokens separated by '.',"
                        + " '*' for one whole token, '>' only as the last token");
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
            if (matches(p, chosen) && (prefix == null || literalHead(p).startsWith(prefix))) {
                return true;
            }
        }
        return false;
    }

    private String reservedPrefix(String subject) {
        for (String r : reserved) {
            if (subject.startsWith(r)) {
                return r;
            }
        }
        return null;
    }

    /** The pattern's text before its first wildcard token. */
    private static String literalHead(String pattern) {
        StringBuilder head = new StringBuilder();
        for (String t : pattern.split("\\.")) {
            if (t.equals("*") || t.equals(">")) {
                break;
            }
            head.append(t).append('.');
        }
        return head.toString();
    }

    static boolean matches(String pattern, String subject) {
        String[] p = pattern.split("\\.", -1);
        String[] s = subject.split("\\.", -1);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(">")) {
                return s.length > i;
            }
            if (i >= s.length || !(p[i].equals("*") ? !s[i].isEmpty() : p[i].equals(s[i]))) {
                return false;
            }
        }
        return p.length == s.length;
    }
}
