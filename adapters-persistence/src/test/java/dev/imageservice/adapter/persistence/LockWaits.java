package dev.imageservice.adapter.persistence;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Whether a transaction waits for a row lock another one holds, on either database (in the test jar). */
public final class LockWaits {

    private LockWaits() {
    }

    /**
     * Until {@code work} has ended, or some transaction waits for a row lock: a test holding a lock
     * sees whether a transaction it started waits for it.
     */
    public static void awaitDoneOrWaiting(Future<?> work) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!work.isDone() && !anyWaiting()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("neither done nor waiting for a lock after 30 s");
            }
            Thread.sleep(5);
        }
    }

    private static boolean anyWaiting() {
        Database db = Arc.container().instance(Database.class).get();
        String waiting = db.embedded()
                ? "select count(*) from information_schema.sessions where blocker_id is not null"
                : "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()";
        return QuarkusTransaction.requiringNew()
                .call(() -> db.session().createNativeQuery(waiting, Long.class).getSingleResult()) > 0;
    }
}
