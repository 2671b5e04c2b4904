package dev.agentmail.thread.download;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code agentmail.thread.downloads.*}: the signed links of raw messages and attachments. */
@ConfigMapping(prefix = "agentmail.thread.downloads")
public interface DownloadConfig {

    /** Where clients reach {@code /downloads/...}: the gateway's public URL. */
    @WithDefault("http://127.0.0.1:8080")
    String baseUrl();

    /** How long a link works. */
    @WithDefault("1h")
    Duration validity();

    /**
     * The HMAC key that signs links; every replica must share it. Without one, each process makes its own at start,
     * and its links work only on it.
     */
    Optional<String> secret();
}
