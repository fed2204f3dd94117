package dev.imageservice.bootstrap.rest;

import dev.imageservice.application.port.in.AuthenticateRequestUseCase;
import dev.imageservice.application.port.in.GetImageQuery;
import dev.imageservice.application.port.in.GetImageUseCase;
import dev.imageservice.application.port.in.SignedRequest;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.Image;
import io.vertx.core.Context;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Notes, for the tests, on which thread a request (REST or gRPC) asked for its signer and its image,
 * and whether memory was enough or refused it: what tells GetImage's fast path (all on the I/O
 * thread, an event loop) from its reads on a worker. The calls themselves go on unchanged.
 */
@ApplicationScoped
public class AnswerThreads {

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private volatile boolean noting;

    /** The steps {@code call} took, in order; those of anything that ran meanwhile too. */
    public List<String> of(Runnable call) {
        steps.clear();
        noting = true;
        try {
            call.run();
        } finally {
            noting = false;
        }
        return List.copyOf(steps);
    }

    void note(String step) {
        if (noting) {
            steps.add(step + " on " + (Context.isOnEventLoopThread() ? "I/O thread" : "worker"));
        }
    }

    <T> Optional<T> noteFromMemory(String step, Supplier<Optional<T>> fromMemory) {
        Optional<T> atHand;
        try {
            atHand = fromMemory.get();
        } catch (RuntimeException refused) {
            note(step + " refused");
            throw refused;
        }
        note(step + (atHand.isPresent() ? " at hand" : " not at hand"));
        return atHand;
    }

    @Decorator
    @Priority(1)
    abstract static class OfAuthentication implements AuthenticateRequestUseCase {

        @Inject
        @Delegate
        @Any
        AuthenticateRequestUseCase delegate;

        @Inject
        AnswerThreads threads;

        @Override
        public Account authenticate(SignedRequest request) {
            threads.note("authenticate");
            return delegate.authenticate(request);
        }

        @Override
        public Optional<Account> authenticateFromMemory(SignedRequest request) {
            return threads.noteFromMemory("authenticateFromMemory", () -> delegate.authenticateFromMemory(request));
        }
    }

    @Decorator
    @Priority(1)
    abstract static class OfGetImage implements GetImageUseCase {

        @Inject
        @Delegate
        @Any
        GetImageUseCase delegate;

        @Inject
        AnswerThreads threads;

        @Override
        public Image getImage(GetImageQuery query) {
            threads.note("getImage");
            return delegate.getImage(query);
        }

        @Override
        public Optional<Image> getImageFromMemory(GetImageQuery query) {
            return threads.noteFromMemory("getImageFromMemory", () -> delegate.getImageFromMemory(query));
        }
    }
}
