// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

/**
 * What a Java timer runs: a method reference such as {@code this::tick}, given at registration so
 * that a wrong callback is a compile error rather than a failure at fire time.
 */
@FunctionalInterface
public interface TimerHandler {
    void onTimer();
}
