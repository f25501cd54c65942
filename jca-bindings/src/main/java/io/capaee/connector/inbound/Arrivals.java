// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hand-over between a broker client's own thread, which only queues what arrives (and notes why
 * its connection went), and the turns of the endpoint that reads it: the reading side of the clients
 * that push (MQTT, RabbitMQ).
 */
public final class Arrivals<T> {
    private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private volatile String lost;

    /** On the client's thread: one more message. */
    public void add(T message) {
        queue.add(message);
    }

    /** On the client's thread: the connection went, and why. */
    public void lost(String why) {
        lost = why;
    }

    /** Why the connection went; null while it has not. */
    public String lost() {
        return lost;
    }

    /** What arrived, in order, at most {@code max}, waiting at most {@code wait} for the first. */
    public List<T> take(Duration wait, int max) throws InterruptedException {
        List<T> taken = new ArrayList<>();
        T first = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
            taken.add(first);
            queue.drainTo(taken, max - 1);
        }
        return taken;
    }

    /** Forgets what was not taken: the broker sends it again. */
    public void clear() {
        queue.clear();
    }
}
