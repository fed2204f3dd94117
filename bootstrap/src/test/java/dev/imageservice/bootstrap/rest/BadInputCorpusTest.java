package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.bootstrap.rest.RawHttp.Answer;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The bad-input corpus: hundreds of hostile requests, generated, across every REST route. Each
 * case must get an answer below 500 with a CloudAPI JSON error ({@code code}, {@code message}),
 * leave everything stored exactly as it was, and leave the server answering. Requests go over a raw
 * socket so that what is tested is what is on the wire (NUL bytes, {@code ..} segments, odd
 * methods, invalid UTF-8, oversized headers).
 *
 * <p>A few inputs are refused by Vert.x's HTTP parser before any application code runs (a header
 * block over {@code quarkus.http.limits.max-header-size}, a request line over
 * {@code max-initial-line-length}, a raw NUL or space in the request line). Vert.x answers those
 * with a bare status and closes the connection; there is no hook to give them a JSON body, so those
 * cases accept a body-less 4xx and say why.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Stands for the signature in case names. */
    private static final String LABEL_SIGNATURE = "S".repeat(40);
    private static final String VERTX_HEADER_LIMIT = "Vert.x refuses a header block over its limit before routing";
    private static final String VERTX_LINE_LIMIT = "Vert.x refuses a request line over its limit before routing";
    private static final String VERTX_PARSER = "Vert.x's HTTP parser refuses the request line before routing";
    private static final String VERTX_TARGET = "Vert.x refuses a request target that is not a valid origin-form URI "
            + "(\"*\", a bad %-escape, a backslash) before routing";
    private static final String VERTX_BODY_LIMIT = "Quarkus refuses a body over quarkus.http.limits.max-body-size before routing";

    @Inject
    TestData data;

    @Inject
    StoredState stored;

    private int port;
    private Caller alice;
    private Caller bob;
    private Image own;
    private Image bobs;
    private Machine machine;
    private StoredState.Baseline baseline;

    @BeforeAll
    void seed() throws IOException {
        port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        alice = Caller.create(data, "corpus");
        bob = Caller.create(data, "corpusbob");
        own = data.image(alice.account(), "corpus-image").content("corpus image".getBytes()).add();
        bobs = data.image(bob.account(), "bob-image").content("bob image".getBytes()).add();
        Path disk = Files.createTempFile("corpus-disk", ".img");
        Files.write(disk, "disk".getBytes());
        machine = data.machine(alice.account(), disk, own.id(), MachineState.STOPPED);
        // One export, so that the corpus runs against stored objects too.
        assertThat(signed("export", "POST", "/" + alice.login() + "/images/" + own.id() + "?action=export&manta_path=/"
                + alice.login() + "/stor/corpus").send().status()).isEqualTo(200);
        baseline = stored.baseline(Set.of(alice.account().id(), bob.account().id()));
    }

    @TestFactory
    Stream<DynamicNode> corpus() {
        Map<String, List<Case>> groups = new LinkedHashMap<>();
        groups.put("ids", ids());
        groups.put("logins", logins());
        groups.put("list filters", listFilters());
        groups.put("malformed bodies", malformedBodies());
        groups.put("wrong types", wrongTypes());
        groups.put("field limits", fieldLimits());
        groups.put("manta paths", mantaPaths());
        groups.put("import", imports());
        groups.put("headers", headers());
        groups.put("signatures", signatures());
        groups.put("methods and paths", methodsAndPaths());
        assertThat(groups.values().stream().mapToInt(List::size).sum()).as("corpus size").isGreaterThanOrEqualTo(300);
        return groups.entrySet().stream().map(group -> dynamicContainer(group.getKey() + " (" + group.getValue().size() + ")",
                Stream.concat(group.getValue().stream().map(c -> dynamicTest(c.name, () -> run(c))),
                        Stream.of(dynamicTest("nothing stored changed", () -> baseline.assertUnchangedBy(group.getKey()))))));
    }

    // ---- the cases ------------------------------------------------------------------------------

    private List<Case> ids() {
        String real = own.id().toString();
        String random = UUID.randomUUID().toString();
        List<String> bad = List.of("x", "00000000-0000-0000-0000-000000000000", random, alice.id(),
                machine.id().toString(), bobs.id().toString(), random.replace("-", ""), "%7B" + random + "%7D",
                random + "0", real + "%00", "%00", "%2e%2e", "%2F", "%252F", "%27%3B%20DROP%20TABLE%20image%3B--", "*",
                "%ff", "%c0%ae", "%e2%80%8b" + random, "1e309", "%0a" + random, "%F0%9F%92%A9", "x".repeat(3000),
                "..%2F" + real);
        List<Case> cases = new ArrayList<>();
        String l = "/" + alice.login();
        for (String id : bad) {
            String label = abbreviate(id);
            cases.add(signed("GET image " + label, "GET", l + "/images/" + id));
            cases.add(signed("DELETE image " + label, "DELETE", l + "/images/" + id));
            cases.add(signed("update " + label, "POST", l + "/images/" + id + "?action=update").json("{\"description\":\"x\"}"));
            cases.add(signed("export path " + label, "POST", l + "/images/" + id + "/export?manta_path=" + l + "/stor/ids"));
            cases.add(signed("clone path " + label, "POST", l + "/images/" + id + "/clone"));
            cases.add(signed("action in body " + label, "POST", l + "/images/" + id).json("{\"action\":\"export\"}"));
            cases.add(signed("file " + label, "GET", l + "/images/" + id + "/file"));
            cases.add(signed("machine " + label, "GET", l + "/machines/" + id));
        }
        cases.add(signed("HEAD image bad", "HEAD", l + "/images/x"));
        cases.add(signed("update path bad", "POST", l + "/images/x/update").json("{\"description\":\"x\"}"));
        cases.add(signed("export action bad", "POST", l + "/images/x?action=export&manta_path=" + l + "/stor/ids"));
        cases.add(signed("clone action bad", "POST", l + "/images/%00?action=clone"));
        cases.add(signed("GET image upper case", "GET", l + "/images/" + real.toUpperCase(Locale.ROOT)));
        cases.add(signed("GET image trailing space", "GET", l + "/images/" + real + "%20"));
        return cases;
    }

    private List<Case> logins() {
        List<String> bad = List.of(bob.login(), "nobody" + UUID.randomUUID().toString().substring(0, 8), "%00", "..",
                "%2e%2e", "l".repeat(300), "my%2Fimages", "%ff", "%27%20OR%20%271%27=%271", alice.login().toUpperCase(Locale.ROOT),
                "*", "%20", alice.id());
        List<Case> cases = new ArrayList<>();
        for (String login : bad) {
            String label = abbreviate(login);
            cases.add(signed("account " + label, "GET", "/" + login));
            cases.add(signed("datacenters " + label, "GET", "/" + login + "/datacenters"));
            cases.add(signed("machines " + label, "GET", "/" + login + "/machines"));
            cases.add(signed("image " + label, "GET", "/" + login + "/images/" + own.id()));
            cases.add(signed("update " + label, "POST", "/" + login + "/images/" + own.id() + "?action=update")
                    .json("{\"description\":\"x\",\"version\":\"bad version!\"}"));
            cases.add(signed("delete " + label, "DELETE", "/" + login + "/images/" + UUID.randomUUID()));
            cases.add(signed("create " + label, "POST", "/" + login + "/images")
                    .json("{\"machine\":\"" + machine.id() + "\",\"name\":\"n\",\"version\":\"bad version!\"}"));
        }
        return cases;
    }

    private List<Case> listFilters() {
        List<String> values = List.of("", "~%25", "_", "%27%20OR%201%3D1--", "%5C", "%00", "%ff",
                "~" + "x".repeat(2000), "true%00", "999999999999999999999");
        List<Case> cases = new ArrayList<>();
        String l = "/" + alice.login();
        for (String param : List.of("name", "os", "version", "public", "state", "owner", "type")) {
            for (String value : values) {
                cases.add(signed("list " + param + "=" + abbreviate(value), "GET", l + "/images?" + param + "=" + value));
            }
        }
        cases.add(signed("repeated state", "GET", l + "/images?state=active&state=all&state=nonsense"));
        cases.add(signed("repeated public", "GET", l + "/images?public=true&public=false&public=maybe"));
        cases.add(signed("repeated owner", "GET", l + "/images?owner=" + alice.id() + "&owner=" + bob.id() + "&owner=x"));
        cases.add(signed("200 names", "GET", l + "/images?" + "name=a&".repeat(200)));
        cases.add(signed("every filter bad", "GET", l + "/images?name=%00&os=%ff&version=~%25&public=2&state=x&owner=y&type=%27"));
        cases.add(signed("list machines bad filter", "GET", l + "/machines?state=%00&name=%27--&image=x"));
        return cases;
    }

    private List<Case> malformedBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("{", "}", "{\"a\":", "{\"description\":\"x\",}", "{'description':'x'}", "nul", "[",
                "\"string\"", "123", "true", "{\"description\":\"x\"}garbage", "{\"description\" \"x\"}", "\u0000",
                "{\"description\":\"\\ud800\",\"version\":\"bad version!\"}", "{\"description\":NaN}", "\uFEFF{\"description\":\"x\",\"version\":\"bad version!\"}",
                "{\"description\":\"x\",\"description\":\"y\",\"version\":\"bad version!\"}", "[1,2]",
                "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", "{\"tags\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001),
                "{\"version\":\"bad version!\"" + " ".repeat(99_970) + "}")) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {'{', '"', 'd', 'e', 's', 'c', 'r', 'i', 'p', 't', 'i', 'o', 'n', '"', ':', '"', (byte) 0xff,
                (byte) 0xfe, '"', '}'});
        bodies.add(new byte[] {'{', '"', (byte) 0xc0, (byte) 0xae, '"', ':', '1', '}'});
        bodies.add(new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'});
        List<Case> cases = new ArrayList<>();
        String l = "/" + alice.login();
        for (int i = 0; i < bodies.size(); i++) {
            byte[] body = bodies.get(i);
            String label = "#" + i + " " + abbreviate(new String(body, StandardCharsets.UTF_8));
            cases.add(signed("update " + label, "POST", l + "/images/" + own.id() + "?action=update").json(body));
            cases.add(signed("update path " + label, "POST", l + "/images/" + own.id() + "/update").json(body));
            cases.add(signed("action " + label, "POST", l + "/images/" + own.id()).json(body));
            cases.add(signed("create " + label, "POST", l + "/images").json(body));
            cases.add(signed("import " + label, "POST", l + "/images?action=import-from-datacenter").json(body));
        }
        byte[] huge = new byte[12 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        for (String target : List.of(l + "/images/" + own.id() + "?action=update", l + "/images",
                l + "/images?action=import-from-datacenter", l + "/images/" + own.id() + "/export?manta_path=" + l + "/stor/huge")) {
            cases.add(signed("12 MB body " + target, "POST", target).json(huge).bareAllowed(VERTX_BODY_LIMIT));
        }
        cases.add(signed("12 MB body as text", "POST", l + "/images/" + own.id() + "?action=update").body("text/plain", huge)
                .bareAllowed(VERTX_BODY_LIMIT));
        return cases;
    }

    private List<Case> wrongTypes() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> notText = List.of("1", "true", "[\"a\"]", "{\"a\":1}", "1e400");
        for (String field : List.of("name", "version", "description", "homepage", "eula")) {
            values.put(field, notText);
        }
        values.put("acl", List.of("1", "\"x\"", "{\"a\":1}", "[1]", "[\"x\"]", "[null]", "[[]]", "true",
                "[\"" + alice.id() + "\",{}]"));
        values.put("tags", List.of("[]", "\"x\"", "1", "true", "{\"\":1}", "{\"a\":{\"b\":[{\"c\":null}]},\"version\":1}",
                "{\"a\":" + "[".repeat(900) + "]".repeat(900) + "}"));
        values.put("name", Stream.concat(notText.stream(), Stream.of("null", "\"\"", "\"bad/\\u0000name\"")).toList());
        values.put("version", Stream.concat(notText.stream(), Stream.of("null", "\"\"", "\"1.0 0\"")).toList());
        List<Case> cases = new ArrayList<>();
        String l = "/" + alice.login();
        // A value this service might take (a deep but valid tags object) must not change anything:
        // each body also carries one invalid field, so the request is refused either way.
        values.forEach((field, list) -> list.forEach(value -> {
            String member = "\"" + field + "\":" + value;
            String companion = field.equals("version") ? "\"name\":\"bad name!\"" : "\"version\":\"bad version!\"";
            cases.add(signed("update " + abbreviate(member), "POST", l + "/images/" + own.id() + "?action=update")
                    .json("{" + member + "," + companion + "}"));
            String required = field.equals("version") ? "\"name\":\"bad name!\"" : field.equals("name")
                    ? "\"version\":\"bad version!\"" : "\"name\":\"n\",\"version\":\"bad version!\"";
            cases.add(signed("create " + abbreviate(member), "POST", l + "/images")
                    .json("{\"machine\":\"" + machine.id() + "\"," + required + "," + member + "}"));
        }));
        for (String value : notText) {
            cases.add(signed("create machine " + value, "POST", l + "/images")
                    .json("{\"machine\":" + value + ",\"name\":\"n\",\"version\":\"1\"}"));
            cases.add(signed("action " + value, "POST", l + "/images/" + own.id()).json("{\"action\":" + value + "}"));
            cases.add(signed("export manta_path " + value, "POST", l + "/images/" + own.id())
                    .json("{\"action\":\"export\",\"manta_path\":" + value + "}"));
        }
        cases.add(signed("unknown fields only", "POST", l + "/images/" + own.id() + "?action=update")
                .json("{\"owner\":\"" + bob.id() + "\",\"state\":\"disabled\",\"public\":true,\"files\":[]}"));
        cases.add(signed("unknown fields with a bad one", "POST", l + "/images/" + own.id() + "/update")
                .json("{\"owner\":\"" + bob.id() + "\",\"revision\":0,\"id\":\"" + bobs.id() + "\",\"version\":\"\"}"));
        cases.add(signed("create with unknown fields", "POST", l + "/images")
                .json("{\"machine\":\"" + machine.id() + "\",\"name\":\"n\",\"id\":\"" + own.id() + "\",\"owner\":\""
                        + bob.id() + "\",\"state\":\"active\"}"));
        return cases;
    }

    /**
     * Every length limit at the limit and one past it. An update or creation at the limit would be
     * valid, so it carries an invalid version too: the request is refused, nothing changes, and the
     * errors must name only the version.
     */
    private List<Case> fieldLimits() {
        Map<String, Integer> limits = new LinkedHashMap<>();
        limits.put("name", 1024);
        limits.put("version", 512);
        limits.put("description", 10240);
        limits.put("homepage", 1024);
        limits.put("eula", 1024);
        List<Case> cases = new ArrayList<>();
        String l = "/" + alice.login();
        limits.forEach((field, limit) -> {
            for (int length : new int[] {limit, limit + 1}) {
                String value = fieldValue(field, length);
                boolean valid = length == limit;
                String companion = field.equals("version") ? "\"name\":\"bad name!\"" : "\"version\":\"bad version!\"";
                String badField = valid ? (field.equals("version") ? "name" : "version") : field;
                String update = "{\"" + field + "\":\"" + value + "\"" + (valid ? "," + companion : "") + "}";
                cases.add(signed("update " + field + " " + length, "POST", l + "/images/" + own.id() + "?action=update")
                        .json(update).validationNames(badField));
                cases.add(signed("update path " + field + " " + length, "POST", l + "/images/" + own.id() + "/update")
                        .json(update).validationNames(badField));
                Map<String, String> create = new LinkedHashMap<>(Map.of("name", "n", "version", "bad version!"));
                create.put(field, value);
                if (valid && field.equals("version")) {
                    create.put("name", "bad name!");
                }
                if (!valid && !field.equals("version")) {
                    create.put("version", "1.0.0");
                }
                String createBody = "{\"machine\":\"" + machine.id() + "\"," + create.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").reduce((a, b) -> a + "," + b).orElseThrow() + "}";
                cases.add(signed("create " + field + " " + length, "POST", l + "/images").json(createBody)
                        .validationNames(badField));
            }
        });
        for (int count : new int[] {0, 1, 1000}) {
            String acl = String.join(",", java.util.Collections.nCopies(count, "\"" + bob.id() + "\""));
            cases.add(signed("acl of " + count + " with a bad version", "POST", l + "/images/" + own.id() + "?action=update")
                    .json("{\"acl\":[" + acl + "],\"version\":\"bad version!\"}").validationNames("version"));
        }
        String bigTags = "{\"tags\":{\"t\":\"" + "x".repeat(99_970) + "\"},\"version\":\"bad version!\"}";
        cases.add(signed("tags near the body cap", "POST", l + "/images/" + own.id() + "?action=update").json(bigTags));
        return cases;
    }

    private static String fieldValue(String field, int length) {
        String prefix = field.equals("homepage") || field.equals("eula") ? "https://example.com/" : "";
        return prefix + "a".repeat(length - prefix.length());
    }

    private List<Case> mantaPaths() {
        String login = alice.login();
        List<String> paths = List.of("", "/", "/" + login, "/" + login + "/jobs/x",
                "/" + bob.login() + "/stor/x", "/" + login + "/stor/%00x", "/" + login + "/stor/a%00", "/" + login
                        + "/stor/" + "n".repeat(3000), "/" + login + "/stor/" + "n".repeat(256),
                "/" + login + "/stor/" + "d/".repeat(490) + "x", "/" + login + "/stor/..", "/" + login + "/stor/../../" + bob.login()
                        + "/stor/x", "/" + login + "/stor/.", "/" + login + "/stor/a%2F..%2F..%2Fb", "/" + login + "/stor/%0a",
                "/" + login + "/stor/%01x", "/" + login + "/stor/%7F", 
                "/" + login + "/stor/corpus.imgmanifest/x", "/" + login + "/stor/%ff", "/" + login + "/stor/%c0%ae%c0%ae",
                "relative/path", "~/stor/x", "/" + login + "/stor/" + "%F0%9F%92%A9".repeat(70));
        List<Case> cases = new ArrayList<>();
        String l = "/" + login;
        for (String path : paths) {
            String label = abbreviate(path);
            cases.add(signed("action export " + label, "POST", l + "/images/" + own.id() + "?action=export&manta_path=" + path));
            cases.add(signed("export path " + label, "POST", l + "/images/" + own.id() + "/export?manta_path=" + path));
        }
        for (String path : List.of("%00", "a%00b", "..", "%2e%2e/%2e%2e/etc/passwd", "n".repeat(3000), "corpus/%2e%2e",
                "%ff", "corpus.imgmanifest/x", "corpus%2F..%2F..")) {
            cases.add(signed("object stor " + abbreviate(path), "GET", l + "/stor/" + path));
            cases.add(signed("object public " + abbreviate(path), "GET", l + "/public/" + path));
        }
        cases.add(signed("object of another account", "GET", "/" + bob.login() + "/stor/corpus.imgmanifest"));
        return cases;
    }

    private List<Case> imports() {
        String l = "/" + alice.login();
        // Not the test profile's "nowhere" peer with a valid id: this instance has no operator identity
        // to read from it, a 501 NotAvailable of its configuration, not of the client's input.
        List<String> queries = List.of("", "datacenter=nowhere", "id=" + own.id(), "datacenter=nowhere&id=x",
                "datacenter=local&id=" + UUID.randomUUID(), "datacenter=unknown&id=" + UUID.randomUUID(),
                "datacenter=%00&id=" + UUID.randomUUID(), "datacenter=" + "d".repeat(2000) + "&id=" + UUID.randomUUID(),
                "datacenter=%27%20OR%201=1--&id=" + UUID.randomUUID(), "datacenter=..%2F..&id=" + UUID.randomUUID(),
                "datacenter=local&datacenter=nowhere&id=" + UUID.randomUUID());
        List<Case> cases = new ArrayList<>();
        for (String query : queries) {
            cases.add(signed("import action " + abbreviate(query), "POST", l + "/images?action=import-from-datacenter&" + query));
            cases.add(signed("import path " + abbreviate(query), "POST", l + "/images/import-from-datacenter?" + query));
        }
        cases.add(signed("unknown action on images", "POST", l + "/images?action=nope"));
        cases.add(signed("unknown action on an image", "POST", l + "/images/" + own.id() + "?action=nope"));
        cases.add(signed("action missing", "POST", l + "/images/" + own.id()));
        cases.add(signed("action in body and query differ", "POST", l + "/images/" + own.id() + "?action=update")
                .json("{\"action\":\"nope\"}"));
        cases.add(signed("import action in body", "POST", l + "/images")
                .json("{\"action\":\"import-from-datacenter\",\"datacenter\":[],\"id\":{}}"));
        return cases;
    }

    private List<Case> headers() {
        String l = "/" + alice.login();
        String list = l + "/images";
        String update = l + "/images/" + own.id() + "?action=update";
        List<Case> cases = new ArrayList<>();
        List<String> acceptVersions = List.of("", "garbage", "~99", ">=100.0.0", "7.0.0 || x", "<0", "^", "1.2.3.4.5",
                "\u00ff\u00fe", "9".repeat(1000), "~7 ~8 ~9 " + "x".repeat(500));
        for (String value : acceptVersions) {
            cases.add(signed("Accept-Version " + abbreviate(value) + " list", "GET", list).header("Accept-Version: " + value));
            cases.add(signed("Accept-Version " + abbreviate(value) + " update", "POST", update).header("Accept-Version: " + value)
                    .json("{\"version\":\"bad version!\"}"));
        }
        for (String header : List.of("Accept: text/html", "Accept: application/xml", "Accept: */*;q=garbage", "Accept: garbage",
                "Accept: application/json;q=0", "Content-MD5: AAAAAAAAAAAAAAAAAAAAAA==", "Content-MD5: garbage",
                "Content-MD5: ", "Content-Type: garbage", "Content-Type: application/json; charset=utf-16",
                "Content-Type: application/x-www-form-urlencoded", "Content-Type: multipart/form-data; boundary=x",
                "Content-Encoding: gzip", "Content-Encoding: br", "Expect: garbage", "Origin: http://evil.example",
                "x-request-id: " + "r".repeat(2000), "request-id: \u00ff", "Accept-Encoding: garbage;q=x",
                "If-Match: garbage", "If-Match: \"-1\"", "If-Match: *, \"x\"", "If-None-Match: \"0\"",
                "Range: bytes=99-1", "X-HTTP-Method-Override: DELETE", "Api-Version: garbage")) {
            cases.add(signed(header.split(":")[0] + " " + abbreviate(header) + " on list", "GET", list).header(header));
            cases.add(signed(header.split(":")[0] + " " + abbreviate(header) + " on update", "POST", update).header(header)
                    .json("{\"version\":\"bad version!\"}"));
        }
        cases.add(signed("Range on file", "GET", l + "/images/" + own.id() + "/file").header("Range: bytes=99-1"));
        cases.add(signed("Range garbage on file", "GET", l + "/images/" + own.id() + "/file").header("Range: bytes=x-y,,,"));
        cases.add(signed("Range past end on object", "GET", l + "/stor/corpus.imgmanifest").header("Range: bytes=999999-"));
        String sixtyKb = "x".repeat(60 * 1024);
        cases.add(signed("60 KB header", "GET", list).header("X-Big: " + sixtyKb).bareAllowed(VERTX_HEADER_LIMIT));
        cases.add(signed("60 KB Accept-Version", "GET", list).header("Accept-Version: " + sixtyKb).bareAllowed(VERTX_HEADER_LIMIT));
        cases.add(signed("60 KB over 60 headers", "GET", list)
                .headers(java.util.stream.IntStream.range(0, 60).mapToObj(i -> "X-H" + i + ": " + "y".repeat(1024)).toList())
                .bareAllowed(VERTX_HEADER_LIMIT));
        cases.add(signed("500 small headers", "GET", list)
                .headers(java.util.stream.IntStream.range(0, 500).mapToObj(i -> "X-S" + i + ": v").toList()));
        cases.add(signed("10 KB header", "GET", list).header("X-Medium: " + "m".repeat(10 * 1024)));
        cases.add(signed("two Content-Type", "POST", update).header("Content-Type: text/plain")
                .json("{\"version\":\"bad version!\"}"));
        cases.add(signed("header value with a control character", "GET", list).header("X-Ctl: a\u0001b")
                .bareAllowed("Vert.x's HTTP parser refuses a control character in a header value"));
        cases.add(signed("header name with a space", "GET", list).header("X Bad: v")
                .bareAllowed("Vert.x's HTTP parser refuses a header name with a space"));
        cases.add(signed("obsolete line folding", "GET", list).header("X-Fold: a\r\n b")
                .bareAllowed("Vert.x's HTTP parser refuses obsolete line folding"));
        cases.add(signed("body cut short", "POST", update).json("{\"version\":\"bad version!\"}").cutShort());
        cases.add(signed("12 MB body cut short", "POST", update).json(new byte[12 * 1024 * 1024]).cutShort()
                .bareAllowed(VERTX_BODY_LIMIT));
        return cases;
    }

    private List<Case> signatures() {
        String l = "/" + alice.login();
        List<Case> cases = new ArrayList<>();
        String aliceKeyId = "/" + alice.login() + "/keys/" + alice.key().md5Fingerprint();
        String bobKeyId = "/" + bob.login() + "/keys/" + bob.key().md5Fingerprint();
        String hmac = hmac("date: " + SignatureFilter.now());
        List<Function<String, String>> authorizations = List.of(
                sig -> "",
                sig -> "Signature",
                sig -> "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes()),
                sig -> "Bearer x.y.z",
                sig -> "Signature keyId=\"" + aliceKeyId + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"rsa-sha256\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"rsa-sha256\",signature=\"" + sig + "\"",
                sig -> "Signature algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"!!!not base64!!!\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig.substring(0, 20) + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"hmac-sha256\",headers=\"date\",signature=\"" + hmac + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"rsa-md5\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"foo-bar\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"ecdsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"ed25519\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date x-missing\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"rsa-sha256\",headers=\"\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + bobKeyId + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"/" + bob.login() + "/keys/" + alice.key().md5Fingerprint() + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"/" + alice.login() + "/keys/" + bob.key().md5Fingerprint() + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"/" + alice.login() + "/keys/\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + alice.login() + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"/" + alice.login() + "/keys/" + alice.key().md5Fingerprint() + "/extra\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"/\u00ff/keys/\u00fe\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + ",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig,
                sig -> "Signature " + "keyId=\"x\",".repeat(1000) + "signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + "A".repeat(14_000) + "\"",
                sig -> "Signature keyId=\"/" + alice.login() + "/keys/" + alice.key().sha256Fingerprint() + "\",algorithm=\"rsa-sha512\",headers=\"(request-target) date\",signature=\"" + sig + "\"");
        for (int i = 0; i < authorizations.size(); i++) {
            Function<String, String> authorization = authorizations.get(i);
            String label = "#" + i + " " + abbreviate(authorization.apply(LABEL_SIGNATURE));
            cases.add(unsigned("read " + label, "GET", l + "/images").authorization(authorization));
            cases.add(unsigned("update " + label, "POST", l + "/images/" + own.id() + "?action=update")
                    .authorization(authorization).json("{\"description\":\"forged\"}"));
        }
        // Spellings a lenient parser may take as alice's own signature: read only, since accepting them is no fault.
        List<Function<String, String>> lenient = List.of(
                sig -> "signature keyId=\"" + aliceKeyId + "\",algorithm=\"RSA-SHA256\",headers=\"(REQUEST-TARGET) DATE\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=" + aliceKeyId + ",algorithm=rsa-sha256,headers=\"(request-target) date\",signature=" + sig,
                sig -> "Signature keyId=\"" + aliceKeyId + "\",keyId=\"" + bobKeyId + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + bobKeyId + "\",keyId=\"" + aliceKeyId + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature   keyId = \"" + aliceKeyId + "\" , algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"");
        for (int i = 0; i < lenient.size(); i++) {
            cases.add(unsigned("lenient read #" + i + " " + abbreviate(lenient.get(i).apply(LABEL_SIGNATURE)), "GET", l + "/images")
                    .authorization(lenient.get(i)));
        }
        for (Duration skew : List.of(Duration.ofMinutes(-10), Duration.ofHours(-1), Duration.ofDays(-400), Duration.ofMinutes(10),
                Duration.ofDays(3650))) {
            String date = SignatureFilter.HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC).plus(skew));
            cases.add(signed("read dated " + skew, "GET", l + "/images").date(date));
            cases.add(signed("delete dated " + skew, "DELETE", l + "/images/" + own.id()).date(date));
        }
        for (String date : List.of("garbage", "", "Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
                "Mon, 32 Foo 2026 99:99:99 GMT", "1733097600", "2026-12-01T00:00:00Z", "\u00ff")) {
            cases.add(signed("read Date " + abbreviate(date), "GET", l + "/images").date(date));
            cases.add(signed("delete Date " + abbreviate(date), "DELETE", l + "/images/" + own.id()).date(date));
        }
        cases.add(unsigned("64 KB Authorization", "GET", l + "/images")
                .authorization(sig -> "Signature keyId=\"" + "k".repeat(64 * 1024) + "\"").bareAllowed(VERTX_HEADER_LIMIT));
        cases.add(signed("signature for another path (replay)", "DELETE", l + "/images/" + own.id())
                .signedTarget(l + "/images"));
        cases.add(signed("signature for another method", "DELETE", l + "/images/" + own.id()).signedMethod("get"));
        cases.add(unsigned("bob's signature on alice's delete", "DELETE", l + "/images/" + own.id()).as(bob));
        cases.add(unsigned("bob's signature on alice's update", "POST", l + "/images/" + own.id() + "?action=update")
                .as(bob).json("{\"description\":\"bob was here\"}"));
        cases.add(unsigned("bob exports alice's image", "POST", l + "/images/" + own.id() + "?action=export&manta_path=/"
                + bob.login() + "/stor/stolen").as(bob));
        cases.add(unsigned("bob exports to alice's tree", "POST", "/" + bob.login() + "/images/" + bobs.id()
                + "?action=export&manta_path=" + l + "/stor/planted").as(bob));
        cases.add(unsigned("two Authorization headers", "GET", l + "/images").authorization(sig -> "Basic eA==")
                .signedToo());
        return cases;
    }

    private List<Case> methodsAndPaths() {
        String l = "/" + alice.login();
        List<Case> cases = new ArrayList<>();
        for (String method : List.of("PUT", "PATCH", "TRACE", "FOO", "get", "CONNECT")) {
            for (String target : List.of(l + "/images", l + "/images/" + own.id(), l + "/stor/corpus.imgmanifest")) {
                cases.add(signed(method + " " + target, method, target));
            }
        }
        for (String target : List.of(l + "/images/../images", l + "/images/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/",
                l + "/stor/../../../etc/passwd", l + "/public/%00", l + "/public/a%00b", l + "/stor/%2e%2e%2f%2e%2e",
                l + "/images/%2F", "//" + alice.login() + "//images", l + "/./images", l + "/images/%252e%252e",
                l + "/images/%c0%ae%c0%ae/", l + "/images/..%5C..%5C", l + "/public/" + "s".repeat(300),
                l + "/public/" + "s".repeat(3000), "/q/../" + alice.login() + "/images", "/q/openapi/../../etc",
                "/q/%2e%2e/%2e%2e", "/q/health/%00", "/q/metrics/%ff", l + "/images?%00=%00", l + "/images?=&&=",
                l + "/images?" + "p=1&".repeat(1000), "/", "/%00", "/my", "/my/images/" + own.id(),
                l + "/images/" + own.id() + "/file/extra", l + "/images/" + own.id() + "/update/extra",
                l + "/machines/" + machine.id() + "/x", "http://evil.example" + l + "/images")) {
            cases.add(signed("GET " + abbreviate(target), "GET", target));
        }
        for (String target : List.of("*", l + "/images?a=%", l + "/images?a=%zz", l + "/stor/a\\..\\b",
                l + "/images/" + own.id() + "?action=export&manta_path=/" + alice.login() + "/stor/a\\b")) {
            cases.add(signed("malformed target " + abbreviate(target), "GET", target).bareAllowed(VERTX_TARGET));
        }
        cases.add(signed("DELETE with traversal", "DELETE", l + "/images/" + own.id() + "/%2e%2e"));
        cases.add(signed("OPTIONS *", "OPTIONS", "*").bareAllowed(VERTX_TARGET));
        cases.add(signed("OPTIONS image", "OPTIONS", l + "/images/" + own.id()));
        cases.add(signed("POST to account", "POST", l).json("{}"));
        cases.add(signed("request line over the limit", "GET", l + "/images?name=" + "x".repeat(8 * 1024))
                .bareAllowed(VERTX_LINE_LIMIT));
        cases.add(signed("raw NUL in the path", "GET", l + "/images/\u0000").bareAllowed(VERTX_PARSER));
        cases.add(signed("raw space in the path", "GET", l + "/ima ges").bareAllowed(VERTX_PARSER));
        cases.add(signed("raw high bytes in the path", "GET", l + "/images/\u00ff\u00fe").bareAllowed(VERTX_PARSER));
        return cases;
    }

    // ---- running a case -------------------------------------------------------------------------

    private void run(Case c) {
        Answer answer = c.send();
        String shown = c.name + " -> " + answer.status() + " " + abbreviate(answer.text());
        if (answer.status() == 0 && c.cutShort) {
            return; // The client hung up first; whether an answer still came is up to the HTTP layer.
        }
        assertThat(answer.status()).as(shown).isBetween(100, 499);
        if (answer.status() >= 400 && !c.method.equals("HEAD") && !(c.bareReason != null && answer.body().length == 0)) {
            assertThat(answer.headers().get("content-type")).as(shown).startsWith("application/json");
            JsonNode error = json(answer.body(), shown);
            assertThat(error.path("code").asText()).as(shown).isNotBlank();
            assertThat(error.path("message").asText()).as(shown).isNotBlank();
            if (c.validationField != null) {
                assertThat(answer.status()).as(shown).isEqualTo(422);
                List<String> fields = new ArrayList<>();
                error.path("errors").forEach(e -> fields.add(e.path("field").asText()));
                assertThat(fields).as(shown).containsExactly(c.validationField);
            }
        }
        Answer ping = unsigned("ping", "GET", "/" + alice.login() + "/images/" + own.id()).send();
        assertThat(ping.status()).as("the server still answers after " + c.name).isEqualTo(401);
    }

    private static JsonNode json(byte[] body, String shown) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + shown, e);
        }
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("[\\x00-\\x1f\\x7f]", "?");
        return flat.length() <= 60 ? flat : flat.substring(0, 40) + "...(" + flat.length() + ")";
    }

    private static String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("secret".getBytes(), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Case signed(String name, String method, String target) {
        return new Case(name, method, target, alice);
    }

    private Case unsigned(String name, String method, String target) {
        return new Case(name, method, target, null);
    }

    /** One request of the corpus; signed as {@code signer} unless it brings its own Authorization. */
    private final class Case {
        final String name;
        final String method;
        final String target;
        Caller signer;
        final List<String> headers = new ArrayList<>();
        byte[] body;
        String date;
        String signedTarget;
        String signedMethod;
        Function<String, String> authorization;
        boolean signedToo;
        String bareReason;
        String validationField;
        boolean cutShort;

        Case(String name, String method, String target, Caller signer) {
            this.name = name;
            this.method = method;
            this.target = target;
            this.signer = signer;
        }

        Case json(String text) {
            return json(text.getBytes(StandardCharsets.UTF_8));
        }

        Case json(byte[] bytes) {
            return body("application/json", bytes);
        }

        Case body(String contentType, byte[] bytes) {
            headers.add("Content-Type: " + contentType);
            body = bytes;
            return this;
        }

        Case header(String line) {
            headers.add(line);
            return this;
        }

        Case headers(List<String> lines) {
            headers.addAll(lines);
            return this;
        }

        Case date(String value) {
            date = value;
            return this;
        }

        Case as(Caller caller) {
            signer = caller;
            return this;
        }

        Case signedTarget(String value) {
            signedTarget = value;
            return this;
        }

        Case signedMethod(String value) {
            signedMethod = value;
            return this;
        }

        /** Its own Authorization, built from a real signature of the request (which variants may misuse). */
        Case authorization(Function<String, String> value) {
            authorization = value;
            return this;
        }

        /** Also a valid signature, after the case's own Authorization. */
        Case signedToo() {
            signedToo = true;
            return this;
        }

        /** The HTTP layer may refuse this one with a bare status, for the reason given. */
        Case bareAllowed(String reason) {
            bareReason = reason;
            return this;
        }

        /** The body is announced longer than it is, and the client stops sending after it. */
        Case cutShort() {
            cutShort = true;
            return this;
        }

        /** A 422 ValidationFailed whose errors name exactly this field. */
        Case validationNames(String field) {
            validationField = field;
            return this;
        }

        Answer send() {
            String dateValue = date != null ? date : SignatureFilter.now();
            List<byte[]> lines = new ArrayList<>();
            lines.add(line("Date: " + dateValue));
            Caller key = signer != null ? signer : alice;
            String signature = key.key().sign("(request-target): " + (signedMethod != null ? signedMethod : method.toLowerCase(Locale.ROOT))
                    + " " + (signedTarget != null ? signedTarget : target) + "\ndate: " + dateValue);
            if (authorization != null) {
                lines.add(line("Authorization: " + authorization.apply(signature)));
            }
            if (signer != null && (authorization == null || signedToo)) {
                lines.add(line("Authorization: Signature keyId=\"/" + signer.login() + "/keys/" + signer.key().md5Fingerprint()
                        + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + signature + "\""));
            }
            headers.forEach(header -> lines.add(line(header)));
            byte[] requestLine = (method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1);
            return RawHttp.send(port, requestLine, lines.stream().map(this::withoutCrlf).toList(), body, cutShort);
        }

        /** Header text goes out as ISO-8859-1, so that a character such as \u00ff is one raw byte on the wire. */
        private byte[] line(String text) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }

        private byte[] withoutCrlf(byte[] line) {
            int length = line.length;
            while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) {
                length--;
            }
            return Arrays.copyOf(line, length);
        }
    }
}
