package dev.imageservice.application.port.in;

/**
 * A migration that must not go ahead, told in one line the operator can act on. Nothing was
 * inserted into the cluster's database.
 */
public class MigrationRefused extends RuntimeException {

    public MigrationRefused(String message) {
        super(message);
    }
}
