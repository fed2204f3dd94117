package dev.imageservice.adapter.persistence.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.application.port.out.ExportStore;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.export.MantaPath;
import dev.imageservice.domain.image.ImgapiManifest;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The embedded Manta stand-in, whichever {@link ExportObjects} keeps its bytes: objects by Manta
 * path, where every account has its {@code stor} and {@code public} directories, as in Manta, and
 * an object never stands where a directory is (or below another object).
 */
@ApplicationScoped
public class MantaExportStore implements ExportStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExportObjects objects;
    private final String mantaUrl;
    private final boolean sweepOnStart;

    /** @param sweepOnStart as for the image file store: false in an admin command beside a running server */
    @Inject
    public MantaExportStore(ExportObjects objects,
                            @ConfigProperty(name = "images.export.manta-url") String mantaUrl,
                            @ConfigProperty(name = "images.files.sweep-on-start", defaultValue = "true")
                            boolean sweepOnStart) {
        this.objects = objects;
        this.mantaUrl = mantaUrl;
        this.sweepOnStart = sweepOnStart;
    }

    /** At start, what an export a crash cut short left behind is removed. */
    void sweepOnStart(@Observes StartupEvent startup) {
        if (sweepOnStart) {
            objects.sweep();
        }
    }

    @Override
    public String mantaUrl() {
        return mantaUrl;
    }

    @Override
    public boolean isDirectory(MantaPath path) {
        return path.isArea() || objects.isDirectory(keyOf(path));
    }

    @Override
    public void checkWritable() {
        objects.checkWritable();
    }

    @Override
    public void writeObject(MantaPath path, InputStream content) {
        write(path, content::transferTo);
    }

    @Override
    public void writeManifest(MantaPath path, ImgapiManifest manifest) {
        write(path, out -> out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest.toMap())));
    }

    @Override
    public Optional<StoredObject> open(MantaPath path) {
        try {
            return objects.open(keyOf(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(MantaPath path, ExportObjects.Content content) {
        String key = keyOf(path);
        requireNoClash(path, key);
        try {
            objects.write(key, content);
        } catch (FileAlreadyExistsException e) {
            throw clash(path);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path + " failed", e);
        }
    }

    /**
     * An object can be written where no directory is, below directories only: a name that is
     * already a directory, or a parent that is already an object, is the client's mistake.
     */
    private void requireNoClash(MantaPath path, String key) {
        if (objects.isDirectory(key)) {
            throw clash(path);
        }
        for (int slash = key.lastIndexOf('/'); slash > 0; slash = key.lastIndexOf('/', slash - 1)) {
            if (objects.isObject(key.substring(0, slash))) {
                throw clash(path);
            }
        }
    }

    private static DomainException clash(MantaPath path) {
        return new DomainException(ErrorCode.INVALID_ARGUMENT,
                "manta_path " + path + " clashes with a stored object or directory");
    }

    /** A {@link MantaPath} holds only plain names (no "..", no NUL, each short enough for a file system or a key). */
    private static String keyOf(MantaPath path) {
        return path.value().substring(1);
    }
}
