package dev.imageservice.adapter.rest.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The one place CloudAPI JSON is read and written. Output is ASCII only (anything else escaped as
 * \\uXXXX): triton checks Content-MD5 over decoded UTF-8 chunks and fails on multi-byte characters
 * split across chunks.
 */
public final class JsonBody {

    /** Strict as JSON.parse: text after the first value is an error, not ignored. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final ObjectWriter WRITER = MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    /** For a value inside a document written piece by piece: the generator's buffer decides when bytes go out. */
    private static final ObjectWriter PART_WRITER = WRITER.without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private JsonBody() {
    }

    public static byte[] write(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A generator for a document written piece by piece ({@link #write(JsonGenerator, Object)}), with the
     * same output as {@link #write(Object)}. Closing it neither closes {@code out} nor completes the document.
     */
    static JsonGenerator generator(OutputStream out) throws IOException {
        return WRITER.createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
    }

    static void write(JsonGenerator json, Object value) throws IOException {
        PART_WRITER.writeValue(json, value);
    }

    /** Parses a request body into plain values (Map, List, String, Number, Boolean, null). */
    public static Object read(byte[] body) throws IOException {
        return MAPPER.readValue(body, Object.class);
    }

    public static String md5(byte[] bytes) {
        return Base64.getEncoder().encodeToString(md5Digest().digest(bytes));
    }

    static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has MD5", e);
        }
    }
}
