package dev.imageservice.application.service;

import dev.imageservice.application.port.in.ReadExportedObjectUseCase;
import dev.imageservice.application.port.out.ExportStore;
import dev.imageservice.application.port.out.ExportStore.StoredObject;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

@Singleton
class ReadExportedObjectService implements ReadExportedObjectUseCase {

    private final ExportStore exports;

    @Inject
    ReadExportedObjectService(ExportStore exports) {
        this.exports = exports;
    }

    @Override
    public StoredObject readExportedObject(Account caller, String path) {
        String owned;
        try {
            owned = MantaPaths.ownedBy(caller.login(), path);
        } catch (DomainException e) {
            // Another account's objects are not found rather than forbidden, so they do not leak.
            throw DomainException.notFound(path + " was not found");
        }
        return exports.open(owned).orElseThrow(() -> DomainException.notFound(path + " was not found"));
    }
}
