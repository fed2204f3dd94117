package dev.imageservice.application.port.in;

import dev.imageservice.application.port.out.ExportStore.StoredObject;
import dev.imageservice.domain.account.Account;

/** Serves an exported object back to its owner, as Manta does for signed requests. */
public interface ReadExportedObjectUseCase {

    /** The object at an absolute Manta path; another account's path or no object is ResourceNotFound. */
    StoredObject readExportedObject(Account caller, String path);
}
