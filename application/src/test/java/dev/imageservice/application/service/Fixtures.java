package dev.imageservice.application.service;

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
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Accounts and stored images for the service tests. */
final class Fixtures {

    static final Instant CREATED = Instant.parse("2020-01-01T00:00:00Z");
    static final Account ALICE = account("alice", "a11ce000-0000-4000-8000-000000000001");
    static final Account BOB = account("bob", "b0b00000-0000-4000-8000-000000000002");
    static final ImageFile FILE = new ImageFile("0123456789abcdef0123456789abcdef01234567", 1, Compression.XZ, null);

    private Fixtures() {
    }

    static Account account(String login, String id) {
        return new Account(UUID.fromString(id), login, login + "@example.com", false, false, CREATED, CREATED);
    }

    /** A builder-ish record: the fields that decide visibility and the list filters. */
    record Spec(Account owner, ImageState state, boolean isPublic, List<UUID> acl, String name, String version,
                ImageOs os, ImageType type, Instant publishedAt, UUID origin, UUID id) {

        Spec state(ImageState value) {
            return new Spec(owner, value, isPublic, acl, name, version, os, type,
                    value.isActivated() ? publishedAt : null, origin, id);
        }

        Spec publicImage() {
            return new Spec(owner, state, true, acl, name, version, os, type, publishedAt, origin, id);
        }

        Spec sharedWith(Account account) {
            return new Spec(owner, state, isPublic, List.of(account.id()), name, version, os, type, publishedAt,
                    origin, id);
        }

        Spec named(String value) {
            return new Spec(owner, state, isPublic, acl, value, version, os, type, publishedAt, origin, id);
        }

        Spec version(String value) {
            return new Spec(owner, state, isPublic, acl, name, value, os, type, publishedAt, origin, id);
        }

        Spec os(ImageOs value) {
            return new Spec(owner, state, isPublic, acl, name, version, value, type, publishedAt, origin, id);
        }

        Spec type(ImageType value) {
            return new Spec(owner, state, isPublic, acl, name, version, os, value, publishedAt, origin, id);
        }

        Spec publishedAt(String value) {
            return new Spec(owner, state, isPublic, acl, name, version, os, type,
                    value == null ? null : Instant.parse(value), origin, id);
        }

        Spec origin(UUID value) {
            return new Spec(owner, state, isPublic, acl, name, version, os, type, publishedAt, value, id);
        }

        Spec id(String value) {
            return new Spec(owner, state, isPublic, acl, name, version, os, type, publishedAt, origin,
                    UUID.fromString(value));
        }

        Image build() {
            Manifest manifest = new Manifest(ImageName.of(name), ImageVersion.of(version), null, null, null, os, type,
                    null, null, new Acl(acl), isPublic, origin);
            return Image.restore(id == null ? UUID.randomUUID() : id, owner.id(), manifest, state,
                    state == ImageState.FAILED ? new ImageError("NotSupported", "no") : null,
                    state.isActivated() ? FILE : null, publishedAt, 0);
        }

        Image storeIn(InMemoryImageRepository images) {
            Image image = build();
            images.add(image);
            return image;
        }
    }

    /** A private active image of the owner, published 2024-01-01. */
    static Spec image(Account owner) {
        return new Spec(owner, ImageState.ACTIVE, false, List.of(), "base", "1.0.0", ImageOs.SMARTOS,
                ImageType.ZONE_DATASET, Instant.parse("2024-01-01T00:00:00Z"), null, null);
    }
}
