// SPDX-License-Identifier: Apache-2.0
package io.capaee.grpc;

import java.util.Locale;

/** {@code capa.app.protocol}: how the app at {@code capa.app.url} is reached, as Dapr's {@code --app-protocol}. */
public enum AppProtocol {
    /** Dapr's HTTP callbacks ({@code /dapr/subscribe}, {@code /job/NAME}, ...): the default. */
    HTTP,
    /** Dapr's {@code AppCallback} and {@code AppCallbackAlpha} gRPC services, over plain HTTP/2. */
    GRPC;

    public static final String KEY = "capa.app.protocol";

    /**
     * The protocol a setting names; blank is the default, {@code http}.
     *
     * @throws IllegalArgumentException naming {@value #KEY} and what it may be
     */
    public static AppProtocol of(String setting) {
        String protocol = setting == null ? "" : setting.strip();
        return switch (protocol.toLowerCase(Locale.ROOT)) {
            case "", "http" -> HTTP;
            case "grpc" -> GRPC;
            default -> throw new IllegalArgumentException(KEY + " is '" + protocol + "': http or grpc");
        };
    }
}
