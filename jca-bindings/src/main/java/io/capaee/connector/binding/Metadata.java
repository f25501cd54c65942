// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.OutputBindingException;

/** Reading request metadata, with a 400-class error naming the missing or bad key. */
public final class Metadata {
    private Metadata() {
    }

    /** The value of a required metadata key. */
    public static String required(BindingRequest request, String key) {
        String value = request.metadata(key);
        if (value == null || value.isEmpty()) {
            throw new OutputBindingException(OutputBindingException.Reason.BAD_REQUEST,
                    "operation '" + request.operation() + "' needs the metadata '" + key + "'");
        }
        return value;
    }

    /** An optional positive long metadata value, or 0 when absent. */
    public static long positiveLong(BindingRequest request, String key) {
        String value = request.metadata(key);
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new OutputBindingException(OutputBindingException.Reason.BAD_REQUEST,
                "metadata '" + key + "' must be a positive whole number, got '" + value + "'");
    }
}
