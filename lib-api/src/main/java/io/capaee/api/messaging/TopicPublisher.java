// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.messaging;

import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.pubsub.PubSubSubscription;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The messages of one Capa topic as a Reactive Streams publisher (one subscriber). The broker's
 * delivery thread waits until the Reactive Messaging {@link Message} is acked (the broker forgets
 * it) or nacked or not acked within the channel's ack timeout (the broker delivers it again later):
 * at least once, one message of the channel in flight at a time.
 */
final class TopicPublisher implements Publisher<Message<byte[]>> {
    private static final Logger LOG = Logger.getLogger(TopicPublisher.class.getName());
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final ChannelSettings settings;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private Bridge bridge; // guarded by this
    private PubSubConnectionFactory broker; // guarded by this
    private Executor executor; // guarded by this
    private boolean begun; // guarded by this

    TopicPublisher(ChannelSettings settings) {
        this.settings = settings;
    }

    ChannelSettings settings() {
        return settings;
    }

    /**
     * Lets the broker subscription begin: Reactive Messaging subscribes while CDI starts, before the
     * EAR's resource adapter has bound {@code eis/capa/pubsub/*}, so the connector calls this once the
     * application runs. Whichever of this and {@link #subscribe} comes second begins.
     */
    synchronized void start(PubSubConnectionFactory broker, Executor executor) {
        this.broker = broker;
        this.executor = executor;
        maybeBegin();
    }

    /** The component could not be found: the channel ends with {@code failure}. */
    synchronized void fail(RuntimeException failure) {
        begun = true;
        if (bridge != null) {
            bridge.cancel();
            bridge.subscriber.onError(failure);
        }
    }

    @Override
    public void subscribe(Subscriber<? super Message<byte[]>> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            subscriber.onError(new IllegalStateException("channel " + settings.channel() + " takes one subscriber"));
            return;
        }
        Bridge created = new Bridge(subscriber);
        subscriber.onSubscribe(created);
        synchronized (this) {
            bridge = created;
            maybeBegin();
        }
    }

    private void maybeBegin() {
        if (begun || bridge == null || broker == null) {
            return;
        }
        begun = true;
        try (PubSubConnection connection = broker.getConnection()) {
            bridge.started(connection.subscribe(settings.topic(), settings.group(), bridge, executor));
        } catch (RuntimeException e) {
            bridge.cancel();
            bridge.subscriber.onError(e);
        }
    }

    /** Stops the broker subscription (a delivery waiting for its ack is delivered again later). */
    void close() {
        Bridge running;
        synchronized (this) {
            running = bridge;
        }
        if (running != null) {
            running.cancel();
        }
    }

    /** The subscriber's demand, and the broker's handler that waits for it and for the ack. */
    private final class Bridge implements Subscription, MessageHandler {
        private final Subscriber<? super Message<byte[]>> subscriber;
        private final Object delivering = new Object(); // one onNext at a time, whatever the broker's threads
        private long demand; // guarded by this
        private boolean cancelled; // guarded by this
        private PubSubSubscription handle; // guarded by this
        private CompletableFuture<Boolean> pending; // guarded by this

        Bridge(Subscriber<? super Message<byte[]>> subscriber) {
            this.subscriber = subscriber;
        }

        synchronized void started(PubSubSubscription running) {
            if (cancelled) {
                running.close();
            } else {
                handle = running;
            }
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)"));
                return;
            }
            synchronized (this) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                notifyAll();
            }
        }

        @Override
        public void cancel() {
            PubSubSubscription running;
            synchronized (this) {
                cancelled = true;
                running = handle;
                handle = null;
                if (pending != null) {
                    pending.complete(false);
                }
                notifyAll();
            }
            if (running != null) {
                running.close();
            }
        }

        @Override
        public boolean handle(byte[] payload) {
            synchronized (delivering) {
                CompletableFuture<Boolean> outcome = new CompletableFuture<>();
                synchronized (this) {
                    while (demand == 0 && !cancelled) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return false;
                        }
                    }
                    if (cancelled) {
                        return false;
                    }
                    demand--;
                    pending = outcome;
                }
                subscriber.onNext(Message.of(payload, () -> {
                    outcome.complete(true);
                    return DONE;
                }, failure -> {
                    outcome.complete(false);
                    return DONE;
                }));
                return awaitAck(outcome);
            }
        }

        private boolean awaitAck(CompletableFuture<Boolean> outcome) {
            try {
                return outcome.get(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.log(Level.WARNING, "channel {0}: a message of topic {1} was not acked within {2}; it will be delivered again",
                        new Object[] {settings.channel(), settings.topic(), settings.ackTimeout()});
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                return false;
            } finally {
                synchronized (this) {
                    pending = null;
                }
            }
        }
    }
}
