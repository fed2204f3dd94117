package dev.imageservice.adapter.persistence;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.function.Supplier;
import org.hibernate.Session;

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

    /** Outside any transaction, within a request, as a read-only request runs. */
    public static <T> T outside(Supplier<T> work) {
        ManagedContext request = Arc.container().requestContext();
        boolean activated = !request.isActive();
        if (activated) {
            request.activate();
        }
        try {
            return work.get();
        } finally {
            if (activated) {
                request.terminate();
            }
        }
    }

    /** Empties the entities' tables, in the order given, in one transaction. */
    public static void deleteAll(Class<?>... entities) {
        run(() -> {
            for (Class<?> entity : entities) {
                session().createMutationQuery("delete from " + entity.getSimpleName()).executeUpdate();
            }
        });
    }

    public static long count(Class<?> entity) {
        return call(() -> session().createSelectionQuery("select count(*) from " + entity.getSimpleName(), Long.class)
                .getSingleResult());
    }

    /** The session of the database the test runs on. */
    public static Session session() {
        return Arc.container().instance(Database.class).get().session();
    }
}
