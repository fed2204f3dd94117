package dev.imageservice.bootstrap.grpc;

import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageFileStore.ExpectedContent;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.application.port.out.Machines;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.Acl;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageFile;
import dev.imageservice.domain.image.ImageName;
import dev.imageservice.domain.image.ImageOs;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageType;
import dev.imageservice.domain.image.ImageVersion;
import dev.imageservice.domain.image.Manifest;
import dev.imageservice.domain.image.Requirements;
import dev.imageservice.domain.image.Tags;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import dev.imageservice.bootstrap.rest.TestKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Seeds accounts, images and machines through the application's outbound ports, each in its own transaction. */
@ApplicationScoped
class TestData {

    static final String KEY_NAME = "grpc";

    @Inject
    Accounts accounts;
    @Inject
    ImageRepository images;
    @Inject
    ImageFileStore files;
    @Inject
    Machines machines;

    /** A new account holding {@code key} under the name {@value #KEY_NAME}. */
    Account account(String prefix, boolean operator, TestKey key) {
        Instant now = Instant.now();
        Account account = new Account(UUID.randomUUID(), prefix + UUID.randomUUID().toString().substring(0, 8), null,
                operator, false, now, now);
        QuarkusTransaction.requiringNew().run(() -> {
            accounts.add(account);
            accounts.addKey(account.id(), key.sshKey(KEY_NAME));
        });
        return account;
    }

    void disable(Account account) {
        QuarkusTransaction.requiringNew().run(() -> accounts.update(account.disable(Instant.now())));
    }

    /** An active image whose file holds {@code content}, stored uncompressed in the real file store. */
    Image activeImage(Account owner, String name, UUID origin, List<UUID> acl, boolean isPublic, byte[] content) {
        StoredContent stored = files.store(new ByteArrayInputStream(content), ExpectedContent.ANY);
        return QuarkusTransaction.requiringNew().call(() -> {
            Manifest manifest = new Manifest(ImageName.of(name), ImageVersion.of("1.0.0"), null, null, null,
                    ImageOs.SMARTOS, ImageType.ZONE_DATASET, Requirements.of(Map.of("min_ram", 512)),
                    Tags.of(Map.of("role", name)), new Acl(acl), isPublic, origin);
            Image image = Image.create(UUID.randomUUID(), owner.id(), manifest, ImageState.UNACTIVATED);
            image.attachFile(new ImageFile(stored.sha1(), stored.size(), Compression.NONE, stored.sha256()));
            image.activate(Instant.now().minusSeconds(60));
            files.addReference(stored.sha256());
            images.add(image);
            return image;
        });
    }

    Image activeImage(Account owner, String name) {
        return activeImage(owner, name, null, List.of(), false, name.getBytes());
    }

    /** An active image shared with {@code sharedWith} whose file the store does not hold. */
    Image imageWithoutContent(Account owner, UUID origin, List<UUID> acl) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Image image = Image.create(UUID.randomUUID(), owner.id(),
                    Manifest.named(ImageName.of("hollow"), ImageVersion.of("1")).withOrigin(origin).withAcl(new Acl(acl)),
                    ImageState.UNACTIVATED);
            image.attachFile(new ImageFile("a".repeat(40), 1, Compression.NONE, "b".repeat(64)));
            image.activate(Instant.now());
            images.add(image);
            return image;
        });
    }

    /** A creation placeholder with no job behind it: it stays {@code creating}. */
    Image creatingImage(Account owner) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Image image = Image.create(UUID.randomUUID(), owner.id(),
                    Manifest.named(ImageName.of("pending"), ImageVersion.of("1")), ImageState.CREATING);
            images.add(image);
            return image;
        });
    }

    Machine machine(Account owner, Path disk, UUID image, MachineState state) {
        Machine machine = new Machine(UUID.randomUUID(), "m-" + UUID.randomUUID().toString().substring(0, 8),
                owner.id(), state, "joyent", image, disk.toString());
        QuarkusTransaction.requiringNew().run(() -> machines.add(machine));
        return machine;
    }

    Image stored(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> images.findById(id).orElseThrow());
    }

    boolean exists(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> images.findById(id).isPresent());
    }
}
