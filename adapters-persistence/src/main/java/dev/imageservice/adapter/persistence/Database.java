package dev.imageservice.adapter.persistence;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.hibernate.orm.PersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.Session;

/**
 * The session of the one database this instance runs on: the embedded H2 file (persistence unit
 * {@code <default>}) or a shared PostgreSQL ({@code postgresql}). Both units map the same entities;
 * configuration activates exactly one at start (see {@link DatabaseSelection}). Panache could not be
 * used for this: it binds each entity class to a single persistence unit at build time.
 */
@ApplicationScoped
public class Database {

    private final Session session;
    private final boolean embedded;

    @Inject
    Database(InjectableInstance<Session> embedded, @PersistenceUnit(DatabaseSelection.POSTGRESQL)
            InjectableInstance<Session> postgresql) {
        this.embedded = !postgresql.getHandle().getBean().isActive();
        this.session = this.embedded ? embedded.get() : postgresql.get();
    }

    /** Whether this is the embedded H2 file rather than a shared PostgreSQL. */
    public boolean embedded() {
        return embedded;
    }

    /** The current transaction's session (a proxy: safe to keep). */
    public Session session() {
        return session;
    }
}
