package dev.imageservice.adapter.persistence.s3;

import dev.imageservice.adapter.persistence.export.ExportStoreContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** The export store contract on S3Proxy: objects under {@code manta/} in the files' bucket. */
@QuarkusTest
@TestProfile(S3Backend.class)
class S3ExportStoreTest extends ExportStoreContract {

    @Inject
    ObjectStores stores;

    @Override
    protected long unfinishedWrites() {
        return stores.client().listMultipartUploads(b -> b.bucket(S3ProxyServer.BUCKET).prefix("manta/")).uploads().size();
    }
}
