package dev.imageservice.bootstrap.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: the request line, headers and body go
 * on the wire byte for byte as given, which no HTTP client library allows (they normalise dots,
 * encode NUL, refuse odd methods and bad header values).
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 30_000;

    private RawHttp() {
    }

    /** An answer: status, headers (names in lower case, last one wins) and the de-chunked body. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends the request line, the headers (each a full "Name: value" line) and the body, with
     * Content-Length when there is a body. A body {@code cutShort} is announced at twice its length,
     * and the client stops sending after it: the answer may then be none (status 0).
     */
    public static Answer send(int port, byte[] requestLine, Iterable<byte[]> headerLines, byte[] body, boolean cutShort) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(requestLine);
        request.writeBytes(crlf("Host: localhost:" + port));
        request.writeBytes(crlf("Connection: close"));
        for (byte[] line : headerLines) {
            request.writeBytes(line);
            request.writeBytes(new byte[] {'\r', '\n'});
        }
        if (body != null) {
            request.writeBytes(crlf("Content-Length: " + (cutShort ? 2 * body.length : body.length)));
        }
        request.writeBytes(new byte[] {'\r', '\n'});
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            if (body != null) {
                writeIgnoringEarlyClose(out, body);
            }
            out.flush();
            if (cutShort) {
                socket.shutdownOutput();
            }
            return read(socket.getInputStream(), new String(requestLine, StandardCharsets.ISO_8859_1).startsWith("HEAD "));
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + new String(requestLine, StandardCharsets.ISO_8859_1).strip(), e);
        }
    }

    static byte[] crlf(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A server may answer (413) and close before it has read a large body; its answer still counts. */
    private static void writeIgnoringEarlyClose(OutputStream out, byte[] body) {
        try {
            out.write(body);
        } catch (IOException e) {
            // The answer, if any, is read next.
        }
    }

    static Answer read(InputStream in, boolean head) throws IOException {
        byte[] all = in.readAllBytes();
        if (all.length == 0) {
            return new Answer(0, Map.of(), all);
        }
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IOException("incomplete answer: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if (head) {
            return new Answer(status, headers, new byte[0]);
        }
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        return new Answer(status, headers, chunked ? dechunk(rest) : rest);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, at);
            String sizeField = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = Integer.parseInt(sizeField, 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
