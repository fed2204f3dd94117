package dev.imageservice.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {

    private static final Instant START = Instant.parse("2025-10-07T12:00:00Z");
    private static final Duration JUST_UNDER = CredentialCache.MAX_AGE.minusMillis(1);

    private final InMemoryAccounts stored = new InMemoryAccounts();
    private final ConcurrentHashMap<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final SettableClock clock = new SettableClock(START);
    private final CredentialCache cache = new CredentialCache(counting(stored), clock);

    private Account alice;
    private SshKey laptop;

    @BeforeEach
    void alice() {
        alice = new Account(UUID.randomUUID(), "alice", null, false, false, START, START);
        stored.add(alice);
        laptop = SimplePublicKeys.key("laptop key", "laptop");
        stored.addKey(alice.id(), laptop);
    }

    @Test
    void repeatedLookupsWithinTheMaximumAgeReadOnce() {
        for (int i = 0; i < 5; i++) {
            assertThat(cache.of("alice").orElseThrow().keys()).containsExactly(laptop);
            clock.advance(Duration.ofMillis(100));
        }

        assertThat(reads("findByLogin")).isEqualTo(1);
        assertThat(reads("keysOf")).isEqualTo(1);
    }

    @Test
    void aRemovedKeyIsServedNoLongerThanTheMaximumAge() {
        cache.of("alice");
        stored.removeKey(alice.id(), "laptop");

        clock.advance(JUST_UNDER);
        assertThat(cache.of("alice").orElseThrow().keys()).containsExactly(laptop);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.of("alice").orElseThrow().keys()).isEmpty();
        assertThat(reads("findByLogin")).isEqualTo(2);
    }

    @Test
    void aDisabledAccountIsServedNoLongerThanTheMaximumAge() {
        cache.of("alice");
        stored.update(alice.disable(START));

        clock.advance(JUST_UNDER);
        assertThat(cache.of("alice").orElseThrow().account().disabled()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.of("alice").orElseThrow().account().disabled()).isTrue();
    }

    @Test
    void anUnknownLoginIsRememberedAsLongAsAKnownOne() {
        assertThat(cache.of("bob")).isEmpty();
        stored.add(new Account(UUID.randomUUID(), "bob", null, false, false, START, START));

        assertThat(cache.of("bob")).isEmpty();
        clock.advance(CredentialCache.MAX_AGE);
        assertThat(cache.of("bob")).isPresent();
        assertThat(reads("findByLogin")).isEqualTo(2);
    }

    @Test
    void aClockSetBackMakesEntriesStaleRatherThanFreshForLonger() {
        cache.of("alice");
        stored.removeKey(alice.id(), "laptop");

        clock.advance(Duration.ofHours(-1));

        assertThat(cache.of("alice").orElseThrow().keys()).isEmpty();
    }

    @Test
    void theCacheHoldsAtMostItsLimitOfLogins() {
        cache.of("alice");
        for (int i = 0; i < CredentialCache.MAX_ENTRIES; i++) {
            cache.of("nobody" + i);
        }

        // Every entry was still fresh when the limit was reached, so all went, alice's too.
        cache.of("alice");
        assertThat(reads("findByLogin")).isEqualTo(CredentialCache.MAX_ENTRIES + 2);
    }

    private int reads(String method) {
        return reads.getOrDefault(method, new AtomicInteger()).get();
    }

    /** The fake, counting each call through the port by method name. */
    private Accounts counting(Accounts delegate) {
        return (Accounts) Proxy.newProxyInstance(Accounts.class.getClassLoader(), new Class<?>[] {Accounts.class},
                (proxy, method, args) -> {
                    reads.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static final class SettableClock extends Clock {

        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
