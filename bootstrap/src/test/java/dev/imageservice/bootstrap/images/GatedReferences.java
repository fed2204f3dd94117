package dev.imageservice.bootstrap.images;

import dev.imageservice.application.port.out.ImageFileStore;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

/**
 * The image file store with the test's {@link ReferenceGate} before every reference added (a
 * clone's) or released (a delete's), each in the transaction of the request that makes it.
 */
@Decorator
@Priority(3)
public abstract class GatedReferences implements ImageFileStore {

    @Inject
    @Delegate
    @Any
    ImageFileStore store;

    @Inject
    ReferenceGate gate;

    @Override
    public void addReference(String sha256) {
        gate.pass();
        store.addReference(sha256);
    }

    @Override
    public void release(String sha256) {
        gate.pass();
        store.release(sha256);
    }
}
