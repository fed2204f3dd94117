package dev.imageservice.application.service;

import dev.imageservice.application.port.in.ReadExportedObjectUseCase;
import dev.imageservice.application.port.out.ExportStore;
import dev.imageservice.application.port.out.ExportStore.StoredObject;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.export.MantaPath;
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
        MantaPath owned;
        try {
            owned = MantaPath.parse(path).requireOwnedBy(caller.login());
        } catch (DomainException e) {
            // No object can have a name that is not a valid path, and another account's objects are
            // not found rather than forbidden, so they do not leak.
            throw DomainException.notFound(path + " was not found");
        }
        return exports.open(owned).orElseThrow(() -> DomainException.notFound(path + " was not found"));
    }
}
