package dev.imageservice.adapter.persistence.image;

import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import org.hibernate.exception.ConstraintViolationException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PanacheImageRepository implements ImageRepository {

    @Override
    public Optional<Image> findById(UUID id) {
        return ImageEntity.<ImageEntity>findByIdOptional(id).map(ImageMapper::toDomain);
    }

    @Override
    public List<Image> list(ImageListFilter filter) {
        ImageListQuery query = new ImageListQuery(filter);
        return ImageEntity.<ImageEntity>find(query.jpql, query.parameters).stream()
                .map(ImageMapper::toDomain)
                .toList();
    }

    @Override
    public void add(Image image) {
        if (ImageEntity.findById(image.id()) != null) {
            throw new DomainException(ErrorCode.IMAGE_UUID_ALREADY_EXISTS, "image " + image.id() + " already exists");
        }
        ImageEntity row = new ImageEntity();
        ImageMapper.copyInto(image, row);
        row.persist();
        writeAcl(image);
        try {
            Panache.getEntityManager().flush();
        } catch (ConstraintViolationException e) {
            // A concurrent add of the same id won the race after our check above.
            throw new DomainException(ErrorCode.IMAGE_UUID_ALREADY_EXISTS, "image " + image.id() + " already exists");
        }
    }

    @Override
    public Image update(Image image) {
        ImageEntity row = ImageEntity.findById(image.id());
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
    private static void flushOrConflict(Image image) {
        try {
            Panache.getEntityManager().flush();
        } catch (OptimisticLockException | PessimisticLockException | LockTimeoutException e) {
            throw conflict(image);
        }
    }

    @Override
    public void delete(Image image) {
        ImageEntity row = ImageEntity.findById(image.id());
        if (row == null) {
            throw DomainException.notFound("image " + image.id() + " not found");
        }
        if (row.revision != image.revision()) {
            throw conflict(image);
        }
        ImageAclEntry.delete("imageId", image.id());
        row.delete();
        flushOrConflict(image);
    }

    @Override
    public boolean hasDependents(UUID id) {
        return ImageEntity.count("originId", id) > 0;
    }

    /** Brings the indexed ACL rows in line with the image, touching only what changed. */
    private static void writeAcl(Image image) {
        List<UUID> wanted = image.manifest().acl().accounts();
        List<ImageAclEntry> stored = ImageAclEntry.list("imageId", image.id());
        stored.stream().filter(entry -> !wanted.contains(entry.accountId)).forEach(ImageAclEntry::delete);
        wanted.stream()
                .filter(account -> stored.stream().noneMatch(entry -> entry.accountId.equals(account)))
                .forEach(account -> ImageAclEntry.of(image.id(), account).persist());
    }

    private static DomainException conflict(Image image) {
        return new DomainException(ErrorCode.CONFLICT,
                "image " + image.id() + " was changed by another request; reload it and try again");
    }
}
