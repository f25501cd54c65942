// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import io.capaee.connector.BindingException;

/**
 * A Redis command that did not succeed, naming the server and the command (never a value). Either
 * Redis was not reached ({@link #unreachable()}: no connection, a timeout, the client closed) or
 * it answered with an error ({@link #reply()}, e.g. {@code NOGROUP ...}). The callers turn it into
 * their API's exception ({@link RedisClient#commands(java.util.function.Function)}).
 */
public final class RedisException extends BindingException {
    private static final long serialVersionUID = 1L;

    private final boolean unreachable;
    private final String reply;

    RedisException(String message, boolean unreachable, String reply, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
        this.reply = reply;
    }

    /** True when no answer came: the command may or may not have run. */
    public boolean unreachable() {
        return unreachable;
    }

    /** Redis's error reply, or empty when it did not answer with one. */
    public String reply() {
        return reply == null ? "" : reply;
    }

    /** Whether Redis answered with the error {@code code} ({@code NOGROUP}, {@code WRONGTYPE}, ...). */
    public boolean replied(String code) {
        return reply != null && reply.startsWith(code);
    }
}
