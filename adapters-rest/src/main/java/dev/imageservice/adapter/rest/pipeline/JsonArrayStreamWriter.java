package dev.imageservice.adapter.rest.pipeline;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.security.MessageDigest;
import java.util.Base64;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes a {@link JsonArrayStream}. The first {@value #DIGESTED_UP_TO} bytes are held and digested:
 * an answer that ends within them goes out whole with Content-Length and Content-MD5, as every other
 * CloudAPI answer; a longer one goes out chunked as it is written, without Content-MD5, which cannot
 * be known before the last byte (docs/compatibility.md, "Large listings").
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class JsonArrayStreamWriter implements ServerMessageBodyWriter<JsonArrayStream> {

    /** 1 MiB: about 1,700 images; one such buffer per listing in progress at most. */
    public static final int DIGESTED_UP_TO = 1 << 20;

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
                               MediaType mediaType) {
        return JsonArrayStream.class.isAssignableFrom(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonArrayStream.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(JsonArrayStream array, Type genericType, ServerRequestContext context)
            throws IOException {
        ServerHttpResponse response = context.serverResponse();
        HeldBody body = new HeldBody(context);
        try {
            array.writeTo(body);
            body.finish(response);
        } catch (IOException | RuntimeException e) {
            // Part of the answer is out: cut the connection, so the client sees a broken answer, not a short list.
            if (response.headWritten()) {
                response.reset();
            }
            throw e;
        }
    }

    /** Outside the server's own path (no response to set headers on): the array, undigested. */
    @Override
    public void writeTo(JsonArrayStream array, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> httpHeaders, OutputStream out)
            throws IOException {
        array.writeTo(out);
    }

    /** The body, held and digested up to the bound, then passed straight to the response. */
    private static final class HeldBody extends OutputStream {

        private final ServerRequestContext context;
        private final MessageDigest md5 = JsonBody.md5Digest();
        private ByteArrayOutputStream held = new ByteArrayOutputStream(8192);
        private OutputStream passing;

        HeldBody(ServerRequestContext context) {
            this.context = context;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (passing == null && held.size() + length <= DIGESTED_UP_TO) {
                held.write(bytes, offset, length);
                md5.update(bytes, offset, length);
                return;
            }
            if (passing == null) {
                passing = context.getOrCreateOutputStream();
                held.writeTo(passing);
                held = null;
            }
            passing.write(bytes, offset, length);
        }

        /** Sends what is held (with its length and digest when it is the whole body) and ends the response. */
        void finish(ServerHttpResponse response) throws IOException {
            if (passing == null) {
                response.setResponseHeader("Content-Length", String.valueOf(held.size()));
                response.setResponseHeader("Content-MD5", Base64.getEncoder().encodeToString(md5.digest()));
                // In one call: the output stream sends a body larger than its buffer chunked, and would
                // send Transfer-Encoding: chunked beside this Content-Length (clients refuse both).
                response.end(held.toByteArray());
                return;
            }
            passing.close();
        }
    }
}
