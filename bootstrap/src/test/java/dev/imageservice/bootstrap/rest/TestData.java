package dev.imageservice.bootstrap.rest;

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
import dev.imageservice.domain.image.ImageError;
import dev.imageservice.domain.image.ImageFile;
import dev.imageservice.domain.image.ImageName;
import dev.imageservice.domain.image.ImageOs;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageType;
import dev.imageservice.domain.image.ImageVersion;
import dev.imageservice.domain.image.Manifest;
import dev.imageservice.domain.image.Requirements;
import dev.imageservice.domain.image.Tags;
import dev.imageservice.domain.image.WebAddress;
import dev.imageservice.domain.image.Description;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeds accounts, images and machines through the application's outbound ports, each write in its
 * own transaction; the REST and gRPC tests share it. Logins are unique per call, since every test
 * class shares one database.
 */
@ApplicationScoped
public class TestData {

    /** The name every seeded account's key has. */
    public static final String KEY_NAME = "test-key";

    private static final AtomicLong PUBLISHED = new AtomicLong(Instant.parse("2020-01-01T00:00:00Z").toEpochMilli());

    @Inject
    Accounts accounts;

    @Inject
    ImageRepository images;

    @Inject
    ImageFileStore files;

    @Inject
    Machines machines;

    public static String uniqueLogin(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public Account account(String loginPrefix, boolean operator, boolean disabled, TestKey key) {
        return account(UUID.randomUUID(), loginPrefix, operator, disabled, key);
    }

    /** An account under an id fixed in advance, e.g. one a stand-in peer datacenter names as an owner. */
    public Account account(UUID id, String loginPrefix, boolean operator, boolean disabled, TestKey key) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Account account = new Account(id, uniqueLogin(loginPrefix), loginPrefix + "@example.com",
                operator, disabled, now, now);
        QuarkusTransaction.requiringNew().run(() -> {
            accounts.add(account);
            if (key != null) {
                accounts.addKey(account.id(), key.sshKey(KEY_NAME));
            }
        });
        return account;
    }

    public ImageBuilder image(Account owner, String name) {
        return new ImageBuilder(owner.id(), name);
    }

    /** The image as stored now; null when there is none. */
    public Image find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> images.findById(id).orElse(null));
    }

    /** A machine of {@code owner} provisioned from {@code image}, whose disk is the file or folder {@code disk}. */
    public Machine machine(Account owner, Path disk, UUID image, MachineState state) {
        Machine machine = new Machine(UUID.randomUUID(), "m-" + UUID.randomUUID().toString().substring(0, 8),
                owner.id(), state, "joyent", image, disk.toString());
        QuarkusTransaction.requiringNew().run(() -> machines.add(machine));
        return machine;
    }

    public final class ImageBuilder {
        private final UUID owner;
        private final String name;
        private String version = "1.0.0";
        private ImageState state = ImageState.ACTIVE;
        private boolean isPublic;
        private List<UUID> acl = List.of();
        private ImageType type = ImageType.ZONE_DATASET;
        private String description;
        private Map<String, Object> tags = Map.of();
        private UUID origin;
        private Requirements requirements = Requirements.NONE;
        private ImageError error;
        private byte[] content;
        private boolean fileMissingFromStore;

        private ImageBuilder(UUID owner, String name) {
            this.owner = owner;
            this.name = name;
        }

        public ImageBuilder version(String value) {
            version = value;
            return this;
        }

        public ImageBuilder state(ImageState value) {
            state = value;
            return this;
        }

        public ImageBuilder publicImage() {
            isPublic = true;
            return this;
        }

        public ImageBuilder sharedWith(Account... accounts) {
            acl = java.util.Arrays.stream(accounts).map(Account::id).toList();
            return this;
        }

        public ImageBuilder type(ImageType value) {
            type = value;
            return this;
        }

        public ImageBuilder description(String value) {
            description = value;
            return this;
        }

        public ImageBuilder tags(Map<String, Object> value) {
            tags = value;
            return this;
        }

        public ImageBuilder origin(UUID value) {
            origin = value;
            return this;
        }

        public ImageBuilder requirements(Map<String, Object> value) {
            requirements = Requirements.of(value);
            return this;
        }

        public ImageBuilder error(String code, String message) {
            error = new ImageError(code, message);
            return this;
        }

        /** An activated image whose file is {@code bytes}, held uncompressed by the real file store. */
        public ImageBuilder content(byte[] bytes) {
            content = bytes;
            return this;
        }

        /** An activated image whose file names content the file store does not hold. */
        public ImageBuilder fileMissingFromStore() {
            fileMissingFromStore = true;
            return this;
        }

        public Image add() {
            Manifest manifest = new Manifest(ImageName.of(name), ImageVersion.of(version),
                    description == null ? null : Description.of(description),
                    new WebAddress("homepage", "https://example.com/" + name), null, ImageOs.SMARTOS, type,
                    requirements, Tags.of(tags), new Acl(acl), isPublic, origin);
            boolean activated = state == ImageState.ACTIVE || state == ImageState.DISABLED;
            StoredContent stored = content == null ? null
                    : files.store(new ByteArrayInputStream(content), ExpectedContent.ANY);
            ImageFile file = !activated ? null
                    : stored != null ? new ImageFile(stored.sha1(), stored.size(), Compression.NONE, stored.sha256())
                    : fileMissingFromStore ? new ImageFile("a".repeat(40), 1, Compression.NONE, "b".repeat(64))
                    : new ImageFile("3bebb6ae2cdb26eef20cfb30fdc4a00a059a0b7b", 1024, Compression.GZIP, null);
            Instant publishedAt = activated ? Instant.ofEpochMilli(PUBLISHED.addAndGet(60_000)) : null;
            ImageError shownError = state == ImageState.FAILED && error == null
                    ? new ImageError("PrepareImageDidNotRun", "the machine did not prepare") : error;
            Image image = Image.restore(UUID.randomUUID(), owner, manifest, state, shownError, file, publishedAt, 0);
            QuarkusTransaction.requiringNew().run(() -> {
                if (file != null && stored != null) {
                    files.attach(stored.sha256());
                }
                images.add(image);
            });
            if (file == null && stored != null) {
                files.letGo(stored.sha256());
            }
            return image;
        }
    }
}
