// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

/**
 * What one attempt on an upstream gave: its HTTP status (0 when no answer came: refused, timed
 * out, cut) and how long it took. A failure is no answer or a 5xx.
 */
public record Outcome(String rule, String upstream, int status, long nanos) {
    public boolean failed() {
        return status == 0 || status >= 500;
    }
}
