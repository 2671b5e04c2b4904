package dev.agentmail.thread.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An attachment's bytes, held in blocks. They are written as they arrive (decoded from a request's base64, fetched
 * from a URL, copied out of a message) without their number being known beforehand, and a growing array would copy
 * them over and over: blocks are added instead, none larger than 1 MiB, and read in place.
 */
public final class AttachmentContent {

    private static final int FIRST_BLOCK = 8 * 1024;
    private static final int LARGEST_BLOCK = 1024 * 1024;

    private final List<byte[]> blocks;
    /** Bytes used in the last block; the others are full. */
    private final int lastUsed;
    private final long size;

    private AttachmentContent(List<byte[]> blocks, int lastUsed, long size) {
        this.blocks = blocks;
        this.lastUsed = lastUsed;
        this.size = size;
    }

    /** The bytes of {@code content}, which is not copied: it must not change afterwards. */
    public static AttachmentContent of(byte[] content) {
        return new AttachmentContent(List.of(content), content.length, content.length);
    }

    public long size() {
        return size;
    }

    public InputStream stream() {
        List<InputStream> parts = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            parts.add(new ByteArrayInputStream(blocks.get(i), 0, length(i)));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    public void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < blocks.size(); i++) {
            out.write(blocks.get(i), 0, length(i));
        }
    }

    /** The bytes in one array, for a bytea column: the only block itself when it is exactly that, else a copy. */
    public byte[] toByteArray() {
        if (blocks.size() == 1 && blocks.get(0).length == size) {
            return blocks.get(0);
        }
        byte[] all = new byte[Math.toIntExact(size)];
        int at = 0;
        for (int i = 0; i < blocks.size(); i++) {
            System.arraycopy(blocks.get(i), 0, all, at, length(i));
            at += length(i);
        }
        return all;
    }

    private int length(int block) {
        return block == blocks.size() - 1 ? lastUsed : blocks.get(block).length;
    }

    /** Where the bytes are written as they come; {@link #content()} when they are all there. */
    public static final class Writer extends OutputStream {

        private final List<byte[]> blocks = new ArrayList<>();
        private byte[] current;
        private int used;
        private long size;

        @Override
        public void write(int b) {
            room();
            current[used++] = (byte) b;
            size++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                room();
                int n = Math.min(length, current.length - used);
                System.arraycopy(bytes, offset, current, used, n);
                used += n;
                size += n;
                offset += n;
                length -= n;
            }
        }

        /** The bytes written so far. */
        public long size() {
            return size;
        }

        public AttachmentContent content() {
            return blocks.isEmpty() ? of(new byte[0]) : new AttachmentContent(List.copyOf(blocks), used, size);
        }

        /** A next block when the current one is full, as large as the bytes so far (so room doubles), up to 1 MiB. */
        private void room() {
            if (current == null || used == current.length) {
                current = new byte[(int) Math.min(LARGEST_BLOCK, Math.max(FIRST_BLOCK, size))];
                blocks.add(current);
                used = 0;
            }
        }
    }
}
