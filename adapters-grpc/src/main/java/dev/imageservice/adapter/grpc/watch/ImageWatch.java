package dev.imageservice.adapter.grpc.watch;

import dev.imageservice.adapter.grpc.mapping.ImageMessages;
import dev.imageservice.adapter.grpc.v1.ImageStateChange;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.job.ImageJob;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One client's watch of one image. It subscribes to the hub before the image is read, so no change
 * falls between the read and the subscription; changes that arrive before the first message is out
 * wait for it. A message goes out when the state differs from the last one sent and, while the image
 * is creating, when its job's recorded progress moved. Changes come as this instance's events and
 * from the hub's reads of the database once a second, which see other instances' changes too. The watch ends (stream
 * completed, subscription and polling closed) at a final state, and on cancel.
 *
 * <p>Changes arrive on the application's job threads, polled changes and progress on the hub's thread, the start
 * and the cancel on gRPC threads: every step holds this object's lock, so the stream never sees two
 * writers.
 */
public final class ImageWatch {

    /** States after which an image's creation or import has nothing more to say. */
    static final Set<ImageState> FINAL = Set.of(ImageState.ACTIVE, ImageState.FAILED);

    private static final Logger LOG = Logger.getLogger(ImageWatch.class);

    private final ServerCallStreamObserver<ImageStateChange> observer;
    private final List<Image> early = new ArrayList<>();
    private AutoCloseable subscription;
    private AutoCloseable poll;
    private final ImageWatchHub hub;
    private final UUID imageId;
    private Image lastImage;
    private ImageState lastSent;
    /** The creation's progress as last sent; both 0 until the job has read anything. */
    private long bytesDone;
    private long bytesTotal;
    private boolean started;
    private boolean ended;

    private ImageWatch(ServerCallStreamObserver<ImageStateChange> observer, ImageWatchHub hub, UUID imageId) {
        this.observer = observer;
        this.hub = hub;
        this.imageId = imageId;
    }

    /** Subscribes to the image's changes; {@link #start} sends the first message. */
    public static ImageWatch subscribe(ImageWatchHub hub, UUID imageId,
                                       ServerCallStreamObserver<ImageStateChange> observer) {
        ImageWatch watch = new ImageWatch(observer, hub, imageId);
        observer.setOnCancelHandler(watch::end);
        synchronized (watch) {
            watch.subscription = hub.watch(imageId, watch::changed);
        }
        return watch;
    }

    /** Sends the image as it is now, then any change that came in meanwhile. */
    public synchronized void start(Image current) {
        started = true;
        send(current);
        early.forEach(this::send);
        early.clear();
        if (!ended) {
            poll = hub.poll(imageId, this::changed, this::progressed);
        }
    }

    /** Ends the watch without a message (the first read failed; the caller reports why). */
    public synchronized void abandon() {
        end();
    }

    private synchronized void changed(Image image) {
        if (ended) {
            return;
        }
        if (!started) {
            early.add(image);
            return;
        }
        send(image);
    }

    private void send(Image image) {
        if (ended || image.state() == lastSent) {
            return;
        }
        lastSent = image.state();
        lastImage = image;
        emit(image);
    }

    /** A creating image's job read more of the disk: the image again, with the new count. */
    private synchronized void progressed(ImageJob job) {
        if (ended || lastSent != ImageState.CREATING || job.progressBytes() == bytesDone) {
            return;
        }
        bytesDone = job.progressBytes();
        bytesTotal = job.progressTotal();
        emit(lastImage);
    }

    private void emit(Image image) {
        ImageStateChange.Builder change = ImageStateChange.newBuilder().setImage(ImageMessages.from(image));
        if (image.state() == ImageState.CREATING) {
            change.setBytesDone(bytesDone).setBytesTotal(bytesTotal);
        }
        observer.onNext(change.build());
        if (FINAL.contains(image.state())) {
            end();
            observer.onCompleted();
        }
    }

    private synchronized void end() {
        if (ended) {
            return;
        }
        ended = true;
        close(poll);
        close(subscription);
    }

    private static void close(AutoCloseable handle) {
        if (handle == null) {
            return;
        }
        try {
            handle.close();
        } catch (Exception e) {
            LOG.debug("closing an image watch failed", e);
        }
    }
}
