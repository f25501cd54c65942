// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Copies an upstream body to the client as it arrives, one chunk at a time (back-pressure: the
 * next chunk is requested once this one is written). A body of unknown length (chunked, event
 * streams) is flushed after every chunk; a body of known length is left to the container's buffer.
 */
final class ServletBodySubscriber implements HttpResponse.BodySubscriber<Void> {
    private final HttpServletResponse response;
    private final ServletOutputStream out;
    private final boolean flushEach;
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    ServletBodySubscriber(HttpServletResponse response, boolean flushEach) throws IOException {
        this.response = response;
        this.out = response.getOutputStream();
        this.flushEach = flushEach;
    }

    @Override
    public CompletionStage<Void> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer b : buffers) {
                if (b.hasArray()) { // the client's buffers are read-only, so this is the rare case
                    out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
                } else {
                    byte[] copy = new byte[b.remaining()];
                    b.get(copy);
                    out.write(copy);
                }
            }
            if (flushEach) {
                response.flushBuffer(); // commits and sends now; a bare out.flush() was held back by the container
            }
            subscription.request(1);
        } catch (IOException e) {
            subscription.cancel(); // the client went away: stop reading the upstream
            result.completeExceptionally(e);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(null);
    }
}
