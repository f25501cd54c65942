// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.mqtt;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A publishing client that any number of threads share. Paho refuses a publish beyond its window
 * of unacknowledged messages (the broker's receive maximum; Mosquitto's is 20) at once, with
 * {@code 32202 Too many publishes in progress}, instead of waiting for room; and it frees a place a
 * moment after the acknowledgement returned. So here a publish first waits for one of
 * {@link #IN_FLIGHT} places, and if Paho still counts its window full, tries again shortly, all
 * within the settings' timeout.
 */
public final class MqttPublisher implements AutoCloseable {
    /** At most this many publishes wait for the broker at once, below any broker's receive maximum in use. */
    static final int IN_FLIGHT = 10;

    private final MqttClient client;
    private final long timeoutMillis;
    private final Semaphore places = new Semaphore(IN_FLIGHT, true);

    MqttPublisher(MqttClient client, long timeoutMillis) {
        this.client = client;
        this.timeoutMillis = timeoutMillis;
    }

    /** Publishes and returns once the broker acknowledged it (QoS 1 and 2; QoS 0 once written). */
    public void publish(String topic, MqttMessage message) throws MqttException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            if (!places.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT, e);
        }
        try {
            while (true) {
                try {
                    client.publish(topic, message);
                    return;
                } catch (MqttException e) {
                    if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || System.nanoTime() - deadline > 0) {
                        throw e;
                    }
                }
                Thread.onSpinWait();
            }
        } finally {
            places.release();
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Disconnects and frees the client; never throws. */
    @Override
    public void close() {
        MqttClients.close(client);
    }
}
