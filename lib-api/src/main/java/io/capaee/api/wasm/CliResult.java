// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import io.capaee.api.wasm.capsule.GuestError;
import java.util.Optional;

/**
 * What {@code callHandle} returned.
 *
 * @param raw the guest's string as it returned it
 * @param error the decoded error when the handler failed
 */
public record CliResult(String raw, Optional<GuestError> error) {
    public static CliResult of(String raw) {
        return new CliResult(raw, GuestError.decode(raw));
    }

    /** What Capsule prints: the result, or the error's message ({@code message (code)} for code != 0). */
    public String display() {
        return error.map(GuestError::display).orElse(raw);
    }
}
