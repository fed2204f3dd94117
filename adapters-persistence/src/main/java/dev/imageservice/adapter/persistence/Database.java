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

    @Inject
    Database(InjectableInstance<Session> embedded, @PersistenceUnit(DatabaseSelection.POSTGRESQL)
            InjectableInstance<Session> postgresql) {
        this.session = postgresql.getHandle().getBean().isActive() ? postgresql.get() : embedded.get();
    }

    /** The current transaction's session (a proxy: safe to keep). */
    public Session session() {
        return session;
    }
}
