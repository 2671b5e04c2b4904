package dev.agentmail.thread.message;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.thread.ThreadConfig;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Lets a request carry an attachment as large as a message may be. Jackson refuses JSON strings beyond 20 million
 * characters by default, and a 25 MB attachment is 35 million characters of base64: without this, such a send would
 * fail as "not valid JSON" instead of being sent (or refused with a clear 413 when it is too large).
 */
@Singleton
public class LargeJsonStrings implements ObjectMapperCustomizer {

    private final ThreadConfig config;

    LargeJsonStrings(ThreadConfig config) {
        this.config = config;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        long base64 = config.maxMessageBytes() / 3 * 4 + 1024;
        int limit = (int) Math.min(Integer.MAX_VALUE, Math.max(base64 * 2, StreamReadConstraints.DEFAULT_MAX_STRING_LEN));
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(limit).build());
    }
}
