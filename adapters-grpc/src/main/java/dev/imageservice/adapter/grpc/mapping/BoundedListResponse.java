package dev.imageservice.adapter.grpc.mapping;

import com.google.protobuf.CodedOutputStream;
import dev.imageservice.adapter.grpc.error.GrpcErrors;
import dev.imageservice.adapter.grpc.v1.Image;
import dev.imageservice.adapter.grpc.v1.ListImagesResponse;
import io.grpc.Status;
import java.util.function.Consumer;

/**
 * A ListImages answer built as the images are read, up to {@value #MAX_BYTES} bytes serialised: the
 * inbound limit grpc-java, grpc-go and grpc-js clients have by default, and the most this one message
 * may hold in the heap. The image that would pass it is refused with RESOURCE_EXHAUSTED (ErrorInfo
 * reason {@value #REASON}), which stops the read; StreamImages has no such bound.
 */
public final class BoundedListResponse implements Consumer<Image> {

    /** 4 MiB. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    public static final String REASON = "ResponseTooLarge";

    private final ListImagesResponse.Builder response = ListImagesResponse.newBuilder();
    private long size;

    @Override
    public void accept(Image image) {
        size += CodedOutputStream.computeMessageSize(ListImagesResponse.IMAGES_FIELD_NUMBER, image);
        if (size > MAX_BYTES) {
            throw GrpcErrors.refusal(Status.Code.RESOURCE_EXHAUSTED, REASON, "the images take more than " + MAX_BYTES
                    + " bytes, the most a gRPC client accepts in one message by default: use StreamImages, or narrower filters");
        }
        response.addImages(image);
    }

    public ListImagesResponse build() {
        return response.build();
    }
}
