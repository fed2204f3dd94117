package dev.imageservice.adapter.rest.pipeline;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The id given to a request that brought none: a random (version 4) UUID, as CloudAPI's are. It
 * correlates log lines and answers and guards nothing, so it comes from the thread's own generator:
 * {@link UUID#randomUUID()} draws from the shared SecureRandom, which every request thread would
 * queue on, for randomness an id does not need.
 */
public final class RequestIds {

    private static final long VERSION_MASK = 0xF000L;
    private static final long VERSION_4 = 0x4000L;
    private static final long VARIANT_MASK = 0xC000_0000_0000_0000L;
    private static final long VARIANT_IETF = 0x8000_0000_0000_0000L;

    private RequestIds() {
    }

    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~VERSION_MASK) | VERSION_4;
        long low = (random.nextLong() & ~VARIANT_MASK) | VARIANT_IETF;
        return new UUID(high, low).toString();
    }
}
