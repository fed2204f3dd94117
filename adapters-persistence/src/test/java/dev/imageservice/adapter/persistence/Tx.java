package dev.imageservice.adapter.persistence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.function.Supplier;

/** Each call is its own committed transaction, as one request would be. */
public final class Tx {

    private Tx() {
    }

    public static <T> T call(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    public static void run(Runnable work) {
        QuarkusTransaction.requiringNew().run(work);
    }
}
