package dev.imageservice.adapter.persistence.machine;

import dev.imageservice.adapter.persistence.Database;
import dev.imageservice.adapter.persistence.UsesDatabase;
import dev.imageservice.application.port.out.Machines;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.hibernate.query.SelectionQuery;

/** The embedded compute side: machines registered in the database, disks as local files or directories. */
@ApplicationScoped
@UsesDatabase
public class RegisteredMachines implements Machines {

    /**
     * A tar entry is a header block and its content padded to whole blocks; two empty blocks end the
     * archive, which is padded to whole records (commons-compress's default of 20 blocks).
     */
    private static final long TAR_BLOCK = 512;
    private static final long TAR_END = 2 * TAR_BLOCK;
    private static final long TAR_RECORD = 20 * TAR_BLOCK;

    @Inject
    Database db;

    @Override
    public Optional<Machine> findById(UUID id) {
        return Optional.ofNullable(db.session().find(MachineEntity.class, id)).map(RegisteredMachines::toDomain);
    }

    @Override
    public List<Machine> list(UUID owner, String name, int limit, int offset) {
        return where(owner, name, "from MachineEntity", " order by name, id", MachineEntity.class)
                .setFirstResult(offset).setMaxResults(limit).getResultStream()
                .map(RegisteredMachines::toDomain).toList();
    }

    @Override
    public long count(UUID owner, String name) {
        return where(owner, name, "select count(*) from MachineEntity", "", Long.class).getSingleResult();
    }

    @Override
    public List<Machine> listAll() {
        return db.session().createSelectionQuery("from MachineEntity order by ownerId, name", MachineEntity.class)
                .getResultStream()
                .map(RegisteredMachines::toDomain).toList();
    }

    @Override
    public void add(Machine machine) {
        MachineEntity row = new MachineEntity();
        row.id = machine.id();
        row.name = machine.name();
        row.ownerId = machine.owner();
        row.state = machine.state().wireName();
        row.brand = machine.brand();
        row.imageId = machine.image();
        row.disk = machine.disk();
        db.session().persist(row);
    }

    @Override
    public void setState(UUID machineId, MachineState state) {
        MachineEntity row = db.session().find(MachineEntity.class, machineId);
        if (row == null) {
            throw DomainException.notFound("machine " + machineId + " not found");
        }
        row.state = state.wireName();
    }

    @Override
    public void writeDisk(Machine machine, OutputStream out) throws IOException {
        Path disk = Path.of(machine.disk());
        if (Files.isDirectory(disk)) {
            writeTar(disk, out);
        } else {
            try (InputStream in = Files.newInputStream(disk)) {
                in.transferTo(out);
            }
        }
    }

    @Override
    public long diskSize(Machine machine) throws IOException {
        Path disk = Path.of(machine.disk());
        if (!Files.isDirectory(disk)) {
            return Files.size(disk);
        }
        long size = TAR_END;
        try (Stream<Path> paths = Files.walk(disk)) {
            for (Path path : (Iterable<Path>) paths.filter(p -> !p.equals(disk))::iterator) {
                long content = Files.isRegularFile(path) ? Files.size(path) : 0;
                size += TAR_BLOCK + (content + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK;
            }
        }
        return (size + TAR_RECORD - 1) / TAR_RECORD * TAR_RECORD;
    }

    /** A directory disk as a tar stream, entries in a stable (sorted) order. */
    private static void writeTar(Path root, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.filter(p -> !p.equals(root)).sorted()::iterator) {
                TarArchiveEntry entry = new TarArchiveEntry(path, root.relativize(path).toString().replace('\\', '/'));
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(path)) {
                    try (InputStream in = Files.newInputStream(path)) {
                        in.transferTo(tar);
                    }
                }
                tar.closeArchiveEntry();
            }
        }
        tar.finish();
    }

    private static Machine toDomain(MachineEntity row) {
        return new Machine(row.id, row.name, row.ownerId, MachineState.fromWire(row.state), row.brand, row.imageId,
                row.disk);
    }

    /** The owner's machines, of one name if given. */
    private <T> SelectionQuery<T> where(UUID owner, String name, String select, String order, Class<T> type) {
        String where = name == null ? " where ownerId = :owner" : " where ownerId = :owner and name = :name";
        SelectionQuery<T> query = db.session().createSelectionQuery(select + where + order, type)
                .setParameter("owner", owner);
        return name == null ? query : query.setParameter("name", name);
    }
}
