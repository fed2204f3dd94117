package dev.imageservice.adapter.persistence.s3;

import dev.imageservice.adapter.persistence.files.ImageFileStoreContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** The file store contract on S3Proxy, counted through the S3 API itself. */
@QuarkusTest
@TestProfile(S3Backend.class)
class S3ImageFileStoreTest extends ImageFileStoreContract {

    @Inject
    ObjectStores stores;

    @Override
    protected long heldObjects() {
        return objects("files/sha256/");
    }

    @Override
    protected long stagedUploads() {
        return objects("files/tmp/") + stores.client().listMultipartUploads(b -> b.bucket(S3ProxyServer.BUCKET)
                .prefix("files/tmp/")).uploads().size();
    }

    private long objects(String prefix) {
        return stores.client().listObjectsV2Paginator(b -> b.bucket(S3ProxyServer.BUCKET).prefix(prefix)).contents()
                .stream().count();
    }
}
