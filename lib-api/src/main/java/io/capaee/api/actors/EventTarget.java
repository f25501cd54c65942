// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an event goes (input bindings, pub/sub subscriptions): the one parser of target names, so
 * that every place that takes a target accepts and refuses the same ones.
 * <ul>
 * <li>{@link Kind#APP}: an {@code http(s)://} URL, a {@code grpc(s)://host:port/NAME} URL (an app that serves
 * Dapr's {@code AppCallback} service), or a path on the application ({@code /orders});
 * <li>{@link Kind#FUNCTION}: {@code function:NAME[/REVISION]}, a wasm function of this server;
 * <li>{@link Kind#ACTOR}: {@code actor:TYPE/ID/METHOD}, an actor method ({@link ActorTarget});
 * <li>{@link Kind#BINDING}: {@code binding:NAME}, an output binding.
 * </ul>
 * A name is a letter or digit, then up to 99 letters, digits, {@code .}, {@code _} or {@code -}; a
 * revision is 1 to 100 of those, but never the dot segment {@code .} or {@code ..}, which would
 * climb out of the function's path.
 *
 * @param app the URL or path ({@code APP}), else null
 * @param name the function's or binding's name, else null
 * @param revision the function's revision, null for its default
 * @param actor the actor method ({@code ACTOR}), else null
 */
public record EventTarget(Kind kind, String app, String name, String revision, ActorTarget actor) {
    public static final String FUNCTION = "function:";
    public static final String BINDING = "binding:";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** The forms of a target. */
    public enum Kind { APP, FUNCTION, ACTOR, BINDING }

    public EventTarget {
        String text = Objects.requireNonNull(kind, "kind") + " target";
        switch (kind) {
            case APP -> {
                if (app == null || app.isBlank()) {
                    throw new InvalidTargetException(text, "target", "is empty");
                }
            }
            case FUNCTION -> {
                checkName(text, name);
                if (revision != null) {
                    checkRevision(text, revision);
                }
            }
            case ACTOR -> {
                if (actor == null) {
                    throw new InvalidTargetException(text, "actor", "is missing");
                }
            }
            case BINDING -> checkName(text, name);
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /**
     * Parses a target as written in configuration; surrounding blanks are ignored.
     *
     * @throws InvalidTargetException naming the target and the part that is wrong
     */
    public static EventTarget parse(String target) {
        String t = target == null ? "" : target.strip();
        if (t.isEmpty()) {
            throw new InvalidTargetException(String.valueOf(target), "target", "is empty");
        }
        if (t.startsWith(FUNCTION)) {
            String rest = t.substring(FUNCTION.length());
            int slash = rest.indexOf('/');
            String name = slash < 0 ? rest : rest.substring(0, slash);
            String revision = slash < 0 ? null : rest.substring(slash + 1);
            checkName(target, name);
            if (revision != null) {
                checkRevision(target, revision);
            }
            return new EventTarget(Kind.FUNCTION, null, name, revision, null);
        }
        if (t.startsWith(BINDING)) {
            String name = t.substring(BINDING.length());
            checkName(target, name);
            return new EventTarget(Kind.BINDING, null, name, null, null);
        }
        if (ActorTarget.isActor(t)) {
            try {
                return new EventTarget(Kind.ACTOR, null, null, null, ActorTarget.parse(t));
            } catch (ActorException e) {
                throw new InvalidTargetException(target, "actor", "is not TYPE/ID/METHOD: " + e.getMessage());
            }
        }
        if (t.startsWith("http://") || t.startsWith("https://")) {
            checkUrl(target, t);
        }
        if (isGrpcUrl(t)) {
            if (checkUrl(target, t).getPort() < 0) {
                throw new InvalidTargetException(target, "url", "has no port: a gRPC app is grpc://HOST:PORT/NAME");
            }
        }
        return new EventTarget(Kind.APP, t, null, null, null);
    }

    private static URI checkUrl(String target, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidTargetException(target, "url", "is not a URL: " + e.getMessage());
        }
        if (uri.getHost() == null) {
            throw new InvalidTargetException(target, "url", "has no host");
        }
        return uri;
    }

    private static boolean isGrpcUrl(String app) {
        return app.startsWith("grpc://") || app.startsWith("grpcs://");
    }

    /** A function of this server, {@code revision} null or empty for its default; checked as {@link #parse} does. */
    public static EventTarget function(String name, String revision) {
        return new EventTarget(Kind.FUNCTION, null, name, revision == null || revision.isEmpty() ? null : revision, null);
    }

    /** Whether {@code name} is a valid name of a function, binding or component (a letter or digit, then up to 99 of {@code [A-Za-z0-9._-]}). */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** An {@code http(s)://} URL (an APP target that is not a path on the application). */
    public boolean isUrl() {
        return kind == Kind.APP && (app.startsWith("http://") || app.startsWith("https://"));
    }

    /** A {@code grpc(s)://} URL: an app reached through Dapr's {@code AppCallback} service. */
    public boolean isGrpc() {
        return kind == Kind.APP && isGrpcUrl(app);
    }

    /** A function or actor method of this server: reached with the server's own credentials, not as an application. */
    public boolean isThisServer() {
        return kind == Kind.FUNCTION || kind == Kind.ACTOR;
    }

    /** The function's path below the functions platform: {@code NAME} or {@code NAME/REVISION}. */
    public String functionPath() {
        if (kind != Kind.FUNCTION) {
            throw new IllegalStateException(this + " is not a function");
        }
        return revision == null ? name : name + "/" + revision;
    }

    private static void checkName(String target, String name) {
        if (!isName(name)) {
            throw new InvalidTargetException(target, "name", "'" + (name == null ? "" : name)
                    + "' is not a letter or digit followed by up to 99 letters, digits, '.', '_' or '-'");
        }
    }

    private static void checkRevision(String target, String revision) {
        if (revision.equals(".") || revision.equals("..")) {
            throw new InvalidTargetException(target, "revision", "'" + revision + "' is a dot segment");
        }
        if (!REVISION.matcher(revision).matches()) {
            throw new InvalidTargetException(target, "revision", "'" + revision
                    + "' is not 1 to 100 letters, digits, '.', '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case APP -> app;
            case FUNCTION -> FUNCTION + functionPath();
            case ACTOR -> actor.toString();
            case BINDING -> BINDING + name;
        };
    }
}
