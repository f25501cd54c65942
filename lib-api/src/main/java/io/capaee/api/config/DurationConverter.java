// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.config;

import jakarta.annotation.Priority;
import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * MicroProfile Config's converter of {@link Duration} in every module of the EAR, so that every
 * duration setting takes {@link Durations}' grammar, not only ISO-8601 (the implicit
 * {@code Duration.parse}). Registered in {@code META-INF/services}.
 */
@Priority(200)
public final class DurationConverter implements Converter<Duration> {
    private static final long serialVersionUID = 1L;

    @Override
    public Duration convert(String value) {
        return value == null || value.isBlank() ? null : Durations.parse(value);
    }
}
