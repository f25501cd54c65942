// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import io.capaee.api.wasm.CliResult;
import io.capaee.api.wasm.FunctionInfo;
import io.capaee.api.wasm.capsule.CapsuleHttp;
import io.capaee.api.wasm.capsule.HttpInvocation;
import io.capaee.api.wasm.capsule.HttpReply;
import java.util.List;
import java.util.function.Function;

/**
 * Capsule's two entry points, the same on every engine: which handler a call needs, how CLI
 * arguments are joined and how HTTP requests and replies are mapped. The engine supplies only
 * {@code run}: a guest to call, under its limits, with its own isolation.
 */
public final class CapsuleCalls {
    private static final String CLI_SEPARATOR = "\u00b0";

    private final FunctionInfo info;
    private final CallFailures failures;
    private final CapsuleHttp http;

    public CapsuleCalls(FunctionInfo info, CallFailures failures) {
        this.info = info;
        this.failures = failures;
        this.http = new CapsuleHttp(info.generation());
    }

    /** {@code callHandle} with the arguments joined by {@code °}, as Capsule's CLI mode does. */
    public CliResult cli(List<String> args, Function<Function<GuestAbi, String>, String> run) {
        if (!info.cli()) {
            throw failures.noHandler(false);
        }
        String input = String.join(CLI_SEPARATOR, args);
        return CliResult.of(run.apply(guest -> GuestMemory.callHandle(guest, input)));
    }

    /** {@code callHandleHttp}, its result mapped by Capsule's HTTP rules. */
    public HttpReply http(HttpInvocation request, Function<Function<GuestAbi, String>, String> run) {
        if (!info.http()) {
            throw failures.noHandler(true);
        }
        var guestRequest = http.toGuest(request);
        return http.fromGuest(run.apply(guest -> GuestMemory.callHandleHttp(guest, info.generation(), guestRequest)));
    }
}
