package dev.imageservice.bootstrap.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionScoped;
import jakarta.ws.rs.Priorities;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts the database transactions begun on a thread while it serves an HTTP request, from before
 * authentication to the response; background work (image jobs, placeholder expiry) is not counted.
 */
@ApplicationScoped
public class RequestTransactions {

    private static final ThreadLocal<Boolean> SERVING = ThreadLocal.withInitial(() -> false);

    private final AtomicInteger begun = new AtomicInteger();

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 200)
    void requestStarts() {
        SERVING.set(true);
    }

    @ServerResponseFilter
    void requestEnds() {
        SERVING.remove();
    }

    void begun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        if (SERVING.get()) {
            begun.incrementAndGet();
        }
    }

    public int begun() {
        return begun.get();
    }
}
