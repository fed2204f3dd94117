package dev.imageservice.adapter.persistence.image;

import dev.imageservice.adapter.persistence.Database;
import dev.imageservice.adapter.persistence.UsesDatabase;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import org.hibernate.exception.ConstraintViolationException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
@UsesDatabase
public class DatabaseImageRepository implements ImageRepository {

    @Inject
    Database db;

    @Override
    public Optional<Image> findById(UUID id) {
        return Optional.ofNullable(db.session().find(ImageEntity.class, id)).map(ImageMapper::toDomain);
    }

    @Override
    public List<Image> list(ImageListFilter filter) {
        ImageListQuery query = new ImageListQuery(filter);
        return query.on(db.session()).getResultStream()
                .map(ImageMapper::toDomain)
                .toList();
    }

    @Override
    public void add(Image image) {
        addAll(List.of(image));
    }

    /**
     * New rows have no stored ACL to reconcile, so theirs is written as is; the ids taken are found by one
     * query and the rows written by one flush. A query or a flush per image would make Hibernate check
     * every row the session already holds each time: a batch's cost would grow with its square.
     */
    @Override
    public void addAll(List<Image> images) {
        Set<UUID> ids = new HashSet<>();
        for (Image image : images) {
            if (!ids.add(image.id())) {
                throw alreadyExists("image " + image.id());
            }
        }
        db.session().createSelectionQuery("select id from ImageEntity where id in :ids", UUID.class)
                .setParameter("ids", ids).setMaxResults(1).uniqueResultOptional()
                .ifPresent(taken -> {
                    throw alreadyExists("image " + taken);
                });
        for (Image image : images) {
            ImageEntity row = new ImageEntity();
            ImageMapper.copyInto(image, row);
            db.session().persist(row);
            image.manifest().acl().accounts()
                    .forEach(account -> db.session().persist(ImageAclEntry.of(image.id(), account)));
        }
        try {
            db.session().flush();
        } catch (ConstraintViolationException e) {
            // A concurrent add of the same id won the race after our check above.
            throw alreadyExists(images.size() == 1 ? "image " + images.get(0).id() : "one of " + images.size() + " images");
        }
    }

    @Override
    public Image update(Image image) {
        ImageEntity row = db.session().find(ImageEntity.class, image.id());
        if (row == null) {
            throw DomainException.notFound("image " + image.id() + " not found");
        }
        if (row.revision != image.revision()) {
            throw conflict(image);
        }
        ImageMapper.copyInto(image, row);
        writeAcl(image);
        flushOrConflict(image);
        return ImageMapper.toDomain(row);
    }

    /**
     * Flushing here turns a concurrent writer's version bump into a conflict now, not at commit; a
     * row lock held too long by another writer is a conflict too, so the use case may try again.
     */
    private void flushOrConflict(Image image) {
        try {
            db.session().flush();
        } catch (OptimisticLockException | PessimisticLockException | LockTimeoutException e) {
            throw conflict(image);
        }
    }

    @Override
    public void delete(Image image) {
        ImageEntity row = db.session().find(ImageEntity.class, image.id());
        if (row == null) {
            throw DomainException.notFound("image " + image.id() + " not found");
        }
        if (row.revision != image.revision()) {
            throw conflict(image);
        }
        aclOf(image.id()).forEach(db.session()::remove);
        db.session().remove(row);
        flushOrConflict(image);
    }

    @Override
    public boolean hasDependents(UUID id) {
        return db.session().createSelectionQuery("select count(*) from ImageEntity where originId = :id", Long.class)
                .setParameter("id", id).getSingleResult() > 0;
    }

    /** Brings the indexed ACL rows in line with the image, touching only what changed. */
    private void writeAcl(Image image) {
        List<UUID> wanted = image.manifest().acl().accounts();
        List<ImageAclEntry> stored = aclOf(image.id());
        stored.stream().filter(entry -> !wanted.contains(entry.accountId)).forEach(db.session()::remove);
        wanted.stream()
                .filter(account -> stored.stream().noneMatch(entry -> entry.accountId.equals(account)))
                .forEach(account -> db.session().persist(ImageAclEntry.of(image.id(), account)));
    }

    private List<ImageAclEntry> aclOf(UUID imageId) {
        return db.session().createSelectionQuery("from ImageAclEntry where imageId = :image", ImageAclEntry.class)
                .setParameter("image", imageId).getResultList();
    }

    private static DomainException alreadyExists(String which) {
        return new DomainException(ErrorCode.IMAGE_UUID_ALREADY_EXISTS, which + " already exists");
    }

    private static DomainException conflict(Image image) {
        return new DomainException(ErrorCode.CONFLICT,
                "image " + image.id() + " was changed by another request; reload it and try again");
    }
}
