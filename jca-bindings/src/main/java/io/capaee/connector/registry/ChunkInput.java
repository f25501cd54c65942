// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.registry;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.support.NatsJetStreamConstants;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stored module's bytes, read one chunk at a time from the object store's stream ("next message on
 * the chunk subject from this sequence"), so that a download holds one chunk (128 KiB) however
 * large the module, and pulls the next only when the reader wants it. Why not jnats'
 * {@code ObjectStore.get}: it writes the whole object to an {@code OutputStream}, pushed by an
 * ordered consumer that does not wait for a slow reader. At the end the count, size and SHA-256 are
 * checked against the tag's entry; a chunk missing on the way (the tag replaced or deleted and its
 * object purged while it was read) fails the read, so a reader never gets part of a module as if
 * it were all of it.
 */
final class ChunkInput extends InputStream {
    private final JetStreamManagement management;
    private final String stream;
    private final String subject;
    private final long chunks;
    private final TagEntry entry;
    private final String what;
    private final MessageDigest sha256;
    private long nextSequence = 1;
    private long chunksRead;
    private long bytesRead;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean ended;

    ChunkInput(JetStreamManagement management, String stream, String subject, long chunks, TagEntry entry, String what) {
        this.management = management;
        this.stream = stream;
        this.subject = subject;
        this.chunks = chunks;
        this.entry = entry;
        this.what = what;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (position == chunk.length) {
            if (chunksRead == chunks) {
                checkEnd();
                return -1;
            }
            nextChunk();
        }
        int n = Math.min(len, chunk.length - position);
        System.arraycopy(chunk, position, b, off, n);
        position += n;
        return n;
    }

    private void nextChunk() throws IOException {
        MessageInfo message;
        try {
            message = management.getNextMessage(stream, nextSequence, subject);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NatsJetStreamConstants.JS_NO_MESSAGE_FOUND_ERR) {
                throw new IOException(what + " was replaced or deleted while it was read (chunk " + (chunksRead + 1) + " of " + chunks + " is gone)");
            }
            throw new IOException("reading " + what + " failed: " + e.getMessage(), e);
        }
        chunk = message.getData() == null ? new byte[0] : message.getData();
        position = 0;
        nextSequence = message.getSeq() + 1;
        chunksRead++;
        bytesRead += chunk.length;
        sha256.update(chunk);
    }

    private void checkEnd() throws IOException {
        String digest = HexFormat.of().formatHex(sha256.digest());
        if (bytesRead != entry.size() || !digest.equals(entry.sha256())) {
            throw new IOException(what + " read back as " + bytesRead + " bytes with SHA-256 " + digest + ", not the "
                    + entry.size() + " bytes with " + entry.sha256() + " its tag names");
        }
        ended = true;
    }
}
