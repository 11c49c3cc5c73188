package fr.backoffice.support;

import fr.backoffice.common.http.OpenStreams;

import static org.assertj.core.api.Assertions.assertThat;

/** The instance's count of open event streams, which comes back a moment after a subscriber's connection closes. */
public final class OpenStreamCount {

    private OpenStreamCount() {
    }

    /** Waits (10 s at most) until the instance counts no stream open; fails if it still counts some. */
    public static void awaitNone(OpenStreams streams) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (streams.open() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(streams.open()).as("streams the instance still counts open").isZero();
    }
}
