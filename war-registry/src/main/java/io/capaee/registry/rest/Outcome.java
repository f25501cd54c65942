// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

/**
 * The answer to a write, in Capsule's {@code {"code":"OK","message":...}} shape plus what was
 * written ({@code sha256} and {@code size} are absent, as null, after a delete).
 */
public record Outcome(String code, String message, String module, String sha256, Long size) {}
