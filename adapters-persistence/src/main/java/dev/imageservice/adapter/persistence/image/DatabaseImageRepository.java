package dev.imageservice.adapter.persistence.image;

import dev.imageservice.adapter.persistence.Database;
import dev.imageservice.adapter.persistence.TransactionEnd;
import dev.imageservice.adapter.persistence.UsesDatabase;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

@ApplicationScoped
@UsesDatabase
public class DatabaseImageRepository implements ImageRepository {

    /**
     * Rows per page of a listing: a page is held whole until handed over (about 400 KiB of JSON at the
     * usual size), and 500 rows keep the per-query cost small next to the rows' own.
     */
    static final int PAGE_SIZE = 500;

    @Inject
    Database db;
    @Inject
    TransactionSynchronizationRegistry transactions;

    private final RecentImages recent = new RecentImages(RECENT, System::nanoTime);

    /**
     * Within a transaction through the session, which sees what the transaction changed and keeps the row
     * for a later update; outside one (a GetImage) by plain JDBC, which reads what is committed for less.
     */
    @Override
    public Optional<Image> findById(UUID id) {
        ImageEntity row = outsideTransaction()
                ? db.session().doReturningWork(connection -> ImageRowReader.read(connection, id))
                : db.session().find(ImageEntity.class, id);
        return Optional.ofNullable(row).map(ImageMapper::toDomain);
    }

    /**
     * A shared lock where the database has one (FOR SHARE on PostgreSQL; H2 knows only FOR UPDATE): two
     * clones of one image need not wait for each other there. A lock held too long by another writer
     * is a conflict, so the client may try again.
     */
    @Override
    public Optional<Image> findLocked(UUID id) {
        try {
            return Optional.ofNullable(db.session().find(ImageEntity.class, id, LockModeType.PESSIMISTIC_READ))
                    .map(ImageMapper::toDomain);
        } catch (PessimisticLockException | LockTimeoutException e) {
            throw new DomainException(ErrorCode.CONFLICT,
                    "image " + id + " is being changed by another request; try again");
        }
    }

    @Override
    public Optional<Image> findRecent(UUID id) {
        return outsideTransaction()
                ? recent.find(id, () -> findById(id))
                : findById(id);
    }

    @Override
    public Optional<Image> findRecentInMemory(UUID id) {
        return outsideTransaction() ? recent.inMemory(id) : Optional.empty();
    }

    private boolean outsideTransaction() {
        return transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION;
    }

    /** A change to a stored image is no longer served from {@link #recent} once it commits (or rolls back). */
    private void forgetWhenDone(UUID id) {
        TransactionEnd.afterEither(transactions, () -> recent.forget(id));
    }

    /**
     * Keyset pages of {@value #PAGE_SIZE} rows, each read by one query in its own short transaction (or in
     * the caller's, when there is one) and handed over only after it, so that a consumer as slow as its
     * client holds no transaction and no connection: a transaction lasting the whole listing would be
     * cut off by the transaction timeout. The list order puts the unpublished rows first (by id), then
     * the published ones (by published_at, then id): two runs of pages, each page a range of the
     * (published_at, id) index that starts strictly after the last row handed over, so that no page
     * reads the rows of the pages before it and a row present throughout is handed over once. A row
     * only ever moves from unpublished to published; one handed over in the first run and published
     * since is skipped in the second. For that the ids of the unpublished rows handed over are kept.
     */
    @Override
    public void forEachMatching(ImageListFilter filter, Consumer<Image> each) {
        ImageListQuery query = new ImageListQuery(filter);
        Set<UUID> unpublished = new HashSet<>();
        handOverPages(query, false, image -> {
            unpublished.add(image.id());
            each.accept(image);
        });
        handOverPages(query, true, image -> {
            if (!unpublished.contains(image.id())) {
                each.accept(image);
            }
        });
    }

    private void handOverPages(ImageListQuery query, boolean published, Consumer<Image> each) {
        Image last = null;
        List<Image> page;
        do {
            Image after = last;
            page = QuarkusTransaction.joiningExisting().call(() -> readPage(query, published, after));
            page.forEach(each);
            if (!page.isEmpty()) {
                last = page.get(page.size() - 1);
            }
        } while (page.size() == PAGE_SIZE);
    }

    private List<Image> readPage(ImageListQuery query, boolean published, Image after) {
        Session session = db.session();
        List<Image> page = new ArrayList<>(PAGE_SIZE);
        // Each row leaves the session once mapped: a caller's transaction listing many pages keeps none of them.
        for (ImageEntity row : query.after(session, published, after).setReadOnly(true).setMaxResults(PAGE_SIZE)
                .getResultList()) {
            session.detach(row);
            page.add(ImageMapper.toDomain(row));
        }
        return page;
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
        forgetWhenDone(image.id());
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
        forgetWhenDone(image.id());
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
