// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.kafka;

import java.util.function.Supplier;

/**
 * kafka-clients loads configured classes through the thread's context class loader, which inside
 * Liberty is the calling application's; clients are therefore built with the adapter's own loader.
 */
public final class KafkaClients {
    private KafkaClients() {
    }

    public static <T> T withOwnClassLoader(Supplier<T> create) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaClients.class.getClassLoader());
        try {
            return create.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
