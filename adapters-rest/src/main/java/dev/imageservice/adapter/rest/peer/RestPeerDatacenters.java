package dev.imageservice.adapter.rest.peer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.application.port.out.Datacenters;
import dev.imageservice.application.port.out.PublicKeyParser;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.ImgapiManifest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Peer datacenters reached through their own CloudAPI REST interface: the same
 * {@code GET /:login/images/:id} every client uses, and {@code GET /:login/images/:id/file} for
 * the bytes. REST rather than gRPC because it is the interface every instance serves and every
 * operator already debugs with curl and the triton client.
 *
 * <p>Every read from a peer, of headers or of the body, waits at most
 * {@code images.datacenter.read-timeout}: a peer that stops sending without closing fails the
 * import instead of holding the request and its partial file forever. A large file still takes as
 * long as it needs, as long as bytes keep coming. {@link HttpURLConnection} rather than
 * {@code java.net.http.HttpClient}, whose body streams have no read timeout.
 */
@ApplicationScoped
public class RestPeerDatacenters implements Datacenters {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String localName;
    private final String localUrl;
    private final PeerDatacentersConfig peers;
    private final Optional<String> operatorLogin;
    private final Optional<Path> operatorKey;
    private final PublicKeyParser publicKeys;
    private final Duration readTimeout;
    private volatile OperatorSigner signer;

    @Inject
    public RestPeerDatacenters(@ConfigProperty(name = "images.datacenter.name") String localName,
                               @ConfigProperty(name = "images.public-url") String localUrl,
                               PeerDatacentersConfig peers,
                               @ConfigProperty(name = "images.operator.login") Optional<String> operatorLogin,
                               @ConfigProperty(name = "images.operator.key") Optional<Path> operatorKey,
                               PublicKeyParser publicKeys,
                               @ConfigProperty(name = "images.datacenter.read-timeout", defaultValue = "30s")
                               Duration readTimeout) {
        this.localName = localName;
        this.localUrl = localUrl;
        this.peers = peers;
        this.operatorLogin = operatorLogin;
        this.operatorKey = operatorKey;
        this.publicKeys = publicKeys;
        this.readTimeout = readTimeout;
    }

    @Override
    public String localName() {
        return localName;
    }

    @Override
    public Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(localName, localUrl);
        peers.peers().forEach((name, peer) -> all.put(name, peer.url()));
        return all;
    }

    @Override
    public ImgapiManifest fetchImage(String datacenter, String login, UUID imageId) {
        Map<String, Object> shown;
        try (InputStream body = send(datacenter, imagePath(login, imageId)).getInputStream()) {
            shown = JSON.readValue(body, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw unreachable(datacenter, e);
        }
        if (shown.get("requirements") instanceof Map<?, ?> requirements) {
            // CloudAPI shows min_memory/max_memory as aliases of min_ram/max_ram; manifests hold only the latter.
            Map<Object, Object> stored = new LinkedHashMap<>(requirements);
            stored.remove("min_memory");
            stored.remove("max_memory");
            shown.put("requirements", stored);
        }
        return ImgapiManifest.read(shown);
    }

    @Override
    public InputStream openFile(String datacenter, String login, UUID imageId) {
        HttpURLConnection answer = send(datacenter, imagePath(login, imageId) + "/file");
        try {
            return new WholeBody(answer.getInputStream(), answer.getContentLengthLong());
        } catch (IOException e) {
            throw unreachable(datacenter, e);
        }
    }

    /** A 200 answer to a signed GET, its body not read yet; any other answer is the peer's refusal. */
    private HttpURLConnection send(String datacenter, String path) {
        String base = peers.peers().get(datacenter) == null ? null : peers.peers().get(datacenter).url();
        if (base == null) {
            throw DomainException.notFound("datacenter " + datacenter + " is unknown");
        }
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String authorization = signer().authorization("GET", path, date);
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(base.replaceAll("/+$", "") + path).toURL()
                    .openConnection();
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty("Accept-Version", "~9");
            connection.setRequestProperty("Date", date);
            connection.setRequestProperty("Authorization", authorization);
            int status = connection.getResponseCode();
            if (status != 200) {
                throw refusal(datacenter, status, connection.getErrorStream());
            }
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            throw unreachable(datacenter, e);
        }
    }

    /** A peer's 404 is the caller's 404; any other refusal means the peer could not serve us. */
    private static DomainException refusal(String datacenter, int status, InputStream errorBody) {
        String message = "HTTP " + status;
        if (errorBody != null) {
            try (InputStream body = errorBody) {
                Object parsed = JSON.readValue(body, Map.class).get("message");
                message = parsed == null ? message : parsed.toString();
            } catch (IOException | RuntimeException e) {
                // The status alone says enough.
            }
        }
        if (status == 404) {
            return DomainException.notFound(message);
        }
        return new DomainException(ErrorCode.REMOTE_SOURCE_ERROR, "datacenter " + datacenter + " refused: " + message);
    }

    private static DomainException unreachable(String datacenter, Exception cause) {
        return new DomainException(ErrorCode.REMOTE_SOURCE_ERROR,
                "datacenter " + datacenter + " could not be read: " + cause.getMessage());
    }

    private static String imagePath(String login, UUID imageId) {
        return "/" + URLEncoder.encode(login, StandardCharsets.UTF_8) + "/images/" + imageId;
    }

    /**
     * A body that fails when the peer closes before the length it announced: {@link HttpURLConnection}
     * ends such a body quietly, which would make a peer dying mid-transfer look like a file of the
     * wrong size (the caller's 422) instead of the peer's failure (503).
     */
    private static final class WholeBody extends FilterInputStream {

        private final long announced;
        private long read;

        WholeBody(InputStream body, long announced) {
            super(body);
            this.announced = announced;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            read += skipped;
            return skipped;
        }

        private void count(int n) throws IOException {
            if (n > 0) {
                read += n;
            } else if (n < 0 && announced >= 0 && read < announced) {
                throw new IOException("the peer closed the connection after " + read + " of " + announced + " bytes");
            }
        }
    }

    private OperatorSigner signer() {
        if (signer == null) {
            if (operatorLogin.isEmpty() || operatorKey.isEmpty()) {
                throw new DomainException(ErrorCode.NOT_AVAILABLE,
                        "this datacenter has no operator identity (images.operator.login, images.operator.key) "
                                + "to read from its peers with");
            }
            signer = OperatorSigner.load(operatorLogin.get(), operatorKey.get(), publicKeys);
        }
        return signer;
    }
}
