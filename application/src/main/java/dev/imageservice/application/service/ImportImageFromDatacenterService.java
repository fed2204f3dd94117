package dev.imageservice.application.service;

import dev.imageservice.application.port.in.ImportImageFromDatacenterCommand;
import dev.imageservice.application.port.in.ImportImageFromDatacenterUseCase;
import dev.imageservice.application.port.out.Datacenters;
import dev.imageservice.application.port.out.ImageEvents;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageFileStore.ExpectedContent;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.error.FieldError;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.OriginChain;
import dev.imageservice.domain.image.Uuids;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Copies the caller's image, and the caller's origins missing here, from a peer datacenter.
 * Every file is streamed and checked against its size and SHA-1 first; only then are all the
 * images committed together, so a failure leaves neither a manifest without its file nor half a
 * chain. The long transfers run outside any transaction.
 */
@Singleton
class ImportImageFromDatacenterService implements ImportImageFromDatacenterUseCase {

    private final Datacenters datacenters;
    private final ImageFileStore files;
    private final ImportFromDatacenterSteps steps;
    private final ImageEvents events;

    @Inject
    ImportImageFromDatacenterService(Datacenters datacenters, ImageFileStore files, ImportFromDatacenterSteps steps,
                                     ImageEvents events) {
        this.datacenters = datacenters;
        this.files = files;
        this.steps = steps;
        this.events = events;
    }

    @Override
    public Image importImageFromDatacenter(ImportImageFromDatacenterCommand command) {
        if (command.datacenter() == null || command.datacenter().isEmpty()) {
            throw new DomainException(ErrorCode.MISSING_PARAMETER, "datacenter is required");
        }
        UUID id = Uuids.parse(command.imageId());
        if (id == null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "id must be a UUID; got " + command.imageId());
        }
        String source = command.datacenter();
        if (source.equals(datacenters.localName()) || !datacenters.all().containsKey(source)) {
            throw DomainException.validationFailed(FieldError.invalid("datacenter",
                    "datacenter must be one of this cloud's other datacenters; got " + source));
        }
        Account caller = command.caller();
        Image image = fetchImage(source, caller, id);
        if (image.state() != ImageState.ACTIVE) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "image " + id + " is not active in " + source);
        }
        if (!image.isOwnedBy(caller.id())) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "only the owner of image " + id + " may copy it");
        }
        if (steps.isHeld(id)) {
            throw new DomainException(ErrorCode.IMAGE_UUID_ALREADY_EXISTS, "image " + id + " already exists here");
        }
        List<Image> chain = missingChain(source, caller, image);

        List<StoredContent> downloaded = new ArrayList<>();
        List<Image> copies;
        try {
            for (Image each : chain) {
                downloaded.add(download(source, caller, each));
            }
            copies = steps.commit(chain, downloaded);
        } catch (RuntimeException e) {
            downloaded.forEach(steps::letGo);
            throw e;
        }
        copies.forEach(events::stateChanged);
        return steps.load(id);
    }

    /** The image and its origins not held here, base first. Origins must be active; the caller's are copied. */
    private List<Image> missingChain(String source, Account caller, Image image) {
        List<Image> missingOrigins = OriginChain.walk(image, originId -> {
            Image local = steps.find(originId);
            if (local != null) {
                local.requireActiveAsOrigin();
                return null;
            }
            Image origin = fetchImage(source, caller, originId);
            origin.requireActiveAsOrigin();
            if (!origin.isOwnedBy(caller.id())) {
                throw DomainException.notFound("origin image " + originId + " is not in this datacenter");
            }
            return origin;
        });
        List<Image> chain = new ArrayList<>();
        for (int i = missingOrigins.size() - 1; i >= 0; i--) {
            chain.add(missingOrigins.get(i));
        }
        chain.add(image);
        return chain;
    }

    private Image fetchImage(String source, Account caller, UUID id) {
        return datacenters.fetchImage(source, caller.login(), id).asRemoteImage();
    }

    private StoredContent download(String source, Account caller, Image image) {
        if (image.file() == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "image " + image.id() + " has no file in " + source);
        }
        PeerReads peer = null;
        try (InputStream content = datacenters.openFile(source, caller.login(), image.id())) {
            peer = new PeerReads(content);
            return files.store(peer, new ExpectedContent(image.file().sha1(), image.file().size()));
        } catch (IOException | UncheckedIOException e) {
            if (peer != null && !peer.failed) {
                // The peer sent what it had; storing it here failed (a full disk, say): our failure, not the peer's.
                throw new DomainException(ErrorCode.INTERNAL_ERROR,
                        "storing the file of image " + image.id() + " failed: " + e.getMessage());
            }
            throw new DomainException(ErrorCode.REMOTE_SOURCE_ERROR,
                    "copying the file of image " + image.id() + " from " + source + " failed: " + e.getMessage());
        }
    }

    /** The peer's file body, remembering whether reading it failed, to tell the peer's failures from the store's. */
    private static final class PeerReads extends FilterInputStream {
        private volatile boolean failed;

        PeerReads(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            try {
                return in.read(bytes, offset, length);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                in.close();
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }
    }
}
