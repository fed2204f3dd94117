package dev.imageservice.bootstrap.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.protobuf.FieldMask;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.imageservice.adapter.grpc.v1.CloneImageRequest;
import dev.imageservice.adapter.grpc.v1.CreateImageFromMachineRequest;
import dev.imageservice.adapter.grpc.v1.DeleteImageRequest;
import dev.imageservice.adapter.grpc.v1.ExportImageRequest;
import dev.imageservice.adapter.grpc.v1.GetImageFileRequest;
import dev.imageservice.adapter.grpc.v1.GetImageRequest;
import dev.imageservice.adapter.grpc.v1.ImageServiceGrpc.ImageServiceBlockingStub;
import dev.imageservice.adapter.grpc.v1.ImportImageFromDatacenterRequest;
import dev.imageservice.adapter.grpc.v1.ListImagesRequest;
import dev.imageservice.adapter.grpc.v1.UpdateImageRequest;
import dev.imageservice.adapter.grpc.v1.WatchImageRequest;
import dev.imageservice.bootstrap.rest.StoredState;
import dev.imageservice.bootstrap.rest.TestKey;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The gRPC side of the bad-input corpus: every method with missing fields, ids of every bad shape,
 * hostile values, malformed signature metadata and messages over the size limit. No call may end
 * INTERNAL or UNKNOWN, nothing stored may change, and the service must still answer afterwards.
 */
@QuarkusTest
class GrpcBadInputCorpusTest extends SeededGrpcTest {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final Metadata.Key<String> AUTHORIZATION = SigningInterceptor.AUTHORIZATION;
    private static final Metadata.Key<String> DATE = SigningInterceptor.DATE;
    private static final Set<Status.Code> FAULTS = Set.of(Status.Code.INTERNAL, Status.Code.UNKNOWN);

    @Inject
    StoredState stored;

    private Image own;
    private Machine machine;
    private StoredState.Baseline baseline;

    @BeforeAll
    void seedCorpus() throws IOException {
        own = activeImage(alice, "grpc-corpus");
        Path disk = Files.createTempFile("grpc-corpus-disk", ".img");
        Files.write(disk, "disk".getBytes());
        machine = data.machine(alice, disk, base.id(), MachineState.STOPPED);
        alice().exportImage(ExportImageRequest.newBuilder().setId(own.id().toString())
                .setMantaPath("/" + alice.login() + "/stor/grpc-corpus").build());
        baseline = stored.baseline(Set.of(alice.id(), bob.id(), admin.id()));
    }

    @TestFactory
    Stream<DynamicNode> corpus() {
        Map<String, List<Case>> groups = new LinkedHashMap<>();
        groups.put("missing fields", missingFields());
        groups.put("ids", ids());
        groups.put("logins", logins());
        groups.put("values", values());
        groups.put("metadata", metadata());
        groups.put("sizes", sizes());
        return groups.entrySet().stream().map(group -> dynamicContainer(group.getKey() + " (" + group.getValue().size() + ")",
                Stream.concat(group.getValue().stream().map(c -> dynamicTest(c.name(), () -> run(c))),
                        Stream.of(dynamicTest("nothing stored changed", () -> baseline.assertUnchangedBy(group.getKey()))))));
    }

    private record Case(String name, ClientInterceptor signing, Function<ImageServiceBlockingStub, Object> call) {
    }

    private Case asAlice(String name, Function<ImageServiceBlockingStub, Object> call) {
        return new Case(name, SigningInterceptor.as(ALICE_KEY, GrpcClient.keyId(alice)), call);
    }

    // ---- the cases ------------------------------------------------------------------------------

    private List<Case> missingFields() {
        List<Case> cases = new ArrayList<>(listings("empty", ListImagesRequest.getDefaultInstance()));
        cases.addAll(List.of(
                asAlice("GetImage empty", stub -> stub.getImage(GetImageRequest.getDefaultInstance())),
                asAlice("UpdateImage empty", stub -> stub.updateImage(UpdateImageRequest.getDefaultInstance())),
                asAlice("UpdateImage id only", stub -> stub.updateImage(UpdateImageRequest.newBuilder().setId(own.id().toString()).build())),
                asAlice("DeleteImage empty", stub -> stub.deleteImage(DeleteImageRequest.getDefaultInstance())),
                asAlice("ExportImage empty", stub -> stub.exportImage(ExportImageRequest.getDefaultInstance())),
                asAlice("ExportImage no path", stub -> stub.exportImage(ExportImageRequest.newBuilder().setId(own.id().toString()).build())),
                asAlice("CreateImageFromMachine empty", stub -> stub.createImageFromMachine(CreateImageFromMachineRequest.getDefaultInstance())),
                asAlice("CreateImageFromMachine no name", stub -> stub.createImageFromMachine(CreateImageFromMachineRequest.newBuilder()
                        .setMachine(machine.id().toString()).setVersion("1").build())),
                asAlice("CreateImageFromMachine no version", stub -> stub.createImageFromMachine(CreateImageFromMachineRequest.newBuilder()
                        .setMachine(machine.id().toString()).setName("n").build())),
                asAlice("CloneImage empty", stub -> stub.cloneImage(CloneImageRequest.getDefaultInstance())),
                asAlice("ImportImageFromDatacenter empty", stub -> stub.importImageFromDatacenter(ImportImageFromDatacenterRequest.getDefaultInstance())),
                asAlice("ImportImageFromDatacenter no id", stub -> stub.importImageFromDatacenter(ImportImageFromDatacenterRequest.newBuilder()
                        .setDatacenter("nowhere").build())),
                asAlice("GetImageFile empty", stub -> drain(stub.getImageFile(GetImageFileRequest.getDefaultInstance()))),
                asAlice("WatchImage empty", stub -> drain(stub.withDeadlineAfter(3, TimeUnit.SECONDS)
                        .watchImage(WatchImageRequest.getDefaultInstance())))));
        return cases;
    }

    private List<Case> ids() {
        String random = UUID.randomUUID().toString();
        List<String> bad = List.of("x", "not-a-uuid", "00000000-0000-0000-0000-000000000000", random, alice.id().toString(),
                machine.id().toString(), random.replace("-", ""), "{" + random + "}", random + "0", random.substring(1),
                own.id() + "\u0000", "\u0000", "..", "../" + own.id(), "' OR 1=1--", "%", "\uFFFF", "\uD83D\uDCA9",
                "x".repeat(20_000), " " + random, random.toUpperCase(Locale.ROOT).replace('-', '_'), "-1", "null");
        List<Case> cases = new ArrayList<>();
        for (String id : bad) {
            String label = abbreviate(id);
            cases.add(asAlice("GetImage " + label, stub -> stub.getImage(GetImageRequest.newBuilder().setId(id).build())));
            cases.add(asAlice("UpdateImage " + label, stub -> stub.updateImage(UpdateImageRequest.newBuilder().setId(id)
                    .setDescription("x").build())));
            cases.add(asAlice("DeleteImage " + label, stub -> stub.deleteImage(DeleteImageRequest.newBuilder().setId(id).build())));
            cases.add(asAlice("ExportImage " + label, stub -> stub.exportImage(ExportImageRequest.newBuilder().setId(id)
                    .setMantaPath("/" + alice.login() + "/stor/ids").build())));
            cases.add(asAlice("CloneImage " + label, stub -> stub.cloneImage(CloneImageRequest.newBuilder().setId(id).build())));
            cases.add(asAlice("ImportImageFromDatacenter " + label, stub -> stub.importImageFromDatacenter(
                    ImportImageFromDatacenterRequest.newBuilder().setDatacenter("nowhere").setId(id).build())));
            cases.add(asAlice("GetImageFile " + label, stub -> drain(stub.getImageFile(GetImageFileRequest.newBuilder().setId(id).build()))));
            cases.add(asAlice("WatchImage " + label, stub -> drain(stub.withDeadlineAfter(3, TimeUnit.SECONDS)
                    .watchImage(WatchImageRequest.newBuilder().setId(id).build()))));
            cases.add(asAlice("CreateImageFromMachine machine " + label, stub -> stub.createImageFromMachine(
                    CreateImageFromMachineRequest.newBuilder().setMachine(id).setName("n").setVersion("bad version!").build())));
        }
        return cases;
    }

    private List<Case> logins() {
        List<String> bad = List.of(bob.login(), "nobody-" + UUID.randomUUID().toString().substring(0, 8), "\u0000", "..",
                "l".repeat(10_000), "my/images", "' OR '1'='1", "*", " ", bob.id().toString());
        List<Case> cases = new ArrayList<>();
        for (String login : bad) {
            String label = abbreviate(login);
            cases.addAll(listings("as " + label, ListImagesRequest.newBuilder().setLogin(login).build()));
            cases.add(asAlice("GetImage as " + label, stub -> stub.getImage(GetImageRequest.newBuilder().setLogin(login)
                    .setId(own.id().toString()).build())));
            cases.add(asAlice("UpdateImage as " + label, stub -> stub.updateImage(UpdateImageRequest.newBuilder().setLogin(login)
                    .setId(own.id().toString()).setVersion("bad version!").build())));
            cases.add(asAlice("DeleteImage as " + label, stub -> stub.deleteImage(DeleteImageRequest.newBuilder().setLogin(login)
                    .setId(UUID.randomUUID().toString()).build())));
        }
        return cases;
    }

    private List<Case> values() {
        String id = own.id().toString();
        List<Case> cases = new ArrayList<>();
        // Every update also carries an invalid version (or name), so even a value taken changes nothing.
        Map<String, UpdateImageRequest.Builder> updates = new LinkedHashMap<>();
        updates.put("name 1025", UpdateImageRequest.newBuilder().setName("a".repeat(1025)));
        updates.put("name with NUL", UpdateImageRequest.newBuilder().setName("a\u0000b"));
        updates.put("description 10241", UpdateImageRequest.newBuilder().setDescription("d".repeat(10_241)));
        updates.put("homepage not a URL", UpdateImageRequest.newBuilder().setHomepage("javascript:alert(1)"));
        updates.put("eula 1025", UpdateImageRequest.newBuilder().setEula("https://e.com/" + "e".repeat(1011)));
        updates.put("acl of junk", UpdateImageRequest.newBuilder().addAcl("x").addAcl("").addAcl("\u0000"));
        updates.put("acl of 10000", UpdateImageRequest.newBuilder().addAllAcl(java.util.Collections.nCopies(10_000, bob.id().toString())));
        updates.put("tags nested 20 deep", UpdateImageRequest.newBuilder().setTags(nested(20)));
        updates.put("tags nested past the parser's limit", UpdateImageRequest.newBuilder().setTags(nested(60)));
        updates.put("tags 200 KB", UpdateImageRequest.newBuilder().setTags(Struct.newBuilder()
                .putFields("big", Value.newBuilder().setStringValue("t".repeat(200_000)).build())));
        updates.put("tags NaN", UpdateImageRequest.newBuilder().setTags(Struct.newBuilder()
                .putFields("n", Value.newBuilder().setNumberValue(Double.NaN).build())));
        updates.put("mask of unknown paths", UpdateImageRequest.newBuilder()
                .setUpdateMask(FieldMask.newBuilder().addPaths("owner").addPaths("state").addPaths("").addPaths("files.0")));
        updates.put("mask naming an unset field", UpdateImageRequest.newBuilder().setUpdateMask(FieldMask.newBuilder().addPaths("name")));
        updates.put("expected revision -1", UpdateImageRequest.newBuilder().setDescription("x").setExpectedRevision(-1));
        updates.put("expected revision max", UpdateImageRequest.newBuilder().setDescription("x").setExpectedRevision(Long.MAX_VALUE));
        updates.forEach((label, builder) -> cases.add(asAlice("UpdateImage " + label, stub -> stub.updateImage(
                builder.clone().setId(id).setVersion(builder.hasVersion() ? builder.getVersion() : "bad version!").build()))));
        cases.add(asAlice("UpdateImage stale revision", stub -> stub.updateImage(UpdateImageRequest.newBuilder().setId(id)
                .setDescription("stale").setExpectedRevision(own.revision() + 1000).build())));
        cases.add(asAlice("DeleteImage stale revision", stub -> stub.deleteImage(DeleteImageRequest.newBuilder().setId(id)
                .setExpectedRevision(own.revision() + 1000).build())));
        cases.add(asAlice("DeleteImage negative revision", stub -> stub.deleteImage(DeleteImageRequest.newBuilder().setId(id)
                .setExpectedRevision(-5).build())));
        for (String path : List.of("", "/", "relative", "/" + alice.login() + "/stor/\u0000x", "/" + alice.login() + "/stor/"
                + "n".repeat(3000), "/" + alice.login() + "/stor/../../" + bob.login() + "/stor/x", "/" + bob.login() + "/stor/x",
                "/" + alice.login() + "/jobs/x", "/" + alice.login() + "/stor/grpc-corpus.imgmanifest/x",
                "/" + alice.login() + "/stor/%2e%2e", "/" + alice.login() + "/stor/\u0001", "/" + alice.login() + "/stor/" + "d/".repeat(500))) {
            cases.add(asAlice("ExportImage to " + abbreviate(path), stub -> stub.exportImage(ExportImageRequest.newBuilder()
                    .setId(id).setMantaPath(path).build())));
        }
        Map<String, CreateImageFromMachineRequest.Builder> creations = new LinkedHashMap<>();
        creations.put("name 1025", CreateImageFromMachineRequest.newBuilder().setName("a".repeat(1025)).setVersion("bad version!"));
        creations.put("version 513", CreateImageFromMachineRequest.newBuilder().setName("n").setVersion("1".repeat(513)));
        creations.put("bad acl", CreateImageFromMachineRequest.newBuilder().setName("n").setVersion("bad version!").addAcl("x"));
        creations.put("deep tags", CreateImageFromMachineRequest.newBuilder().setName("n").setVersion("bad version!").setTags(nested(20)));
        creations.put("tags past the parser's limit", CreateImageFromMachineRequest.newBuilder().setName("n")
                .setVersion("bad version!").setTags(nested(60)));
        creations.put("bad homepage", CreateImageFromMachineRequest.newBuilder().setName("n").setVersion("1").setHomepage("ftp://x"));
        creations.forEach((label, builder) -> cases.add(asAlice("CreateImageFromMachine " + label, stub -> stub.createImageFromMachine(
                builder.clone().setMachine(machine.id().toString()).build()))));
        for (String datacenter : List.of("local", "unknown", "\u0000", "d".repeat(10_000), "' OR 1=1--", "nowhere")) {
            cases.add(asAlice("ImportImageFromDatacenter from " + abbreviate(datacenter), stub -> stub.importImageFromDatacenter(
                    ImportImageFromDatacenterRequest.newBuilder().setDatacenter(datacenter).setId(UUID.randomUUID().toString()).build())));
        }
        for (String state : List.of("", "nonsense", "\u0000", "all' --", "s".repeat(10_000))) {
            cases.addAll(listings("state " + abbreviate(state), ListImagesRequest.newBuilder().setState(state).build()));
            cases.addAll(listings("owner " + abbreviate(state), ListImagesRequest.newBuilder().setOwner(state).build()));
            cases.addAll(listings("name " + abbreviate(state), ListImagesRequest.newBuilder().setName("~" + state).build()));
        }
        cases.add(asAlice("CloneImage own image", stub -> stub.cloneImage(CloneImageRequest.newBuilder().setId(id).build())));
        return cases;
    }

    private List<Case> metadata() {
        String method = "imageservice.v1.ImageService/GetImage";
        String aliceKeyId = GrpcClient.keyId(alice);
        List<Function<String, String>> authorizations = List.of(
                sig -> "",
                sig -> "Signature",
                sig -> "Basic YWxpY2U6c2VjcmV0",
                sig -> "Signature keyId=\"" + aliceKeyId + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"!!!\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"hmac-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"foo\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date x-nope\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + GrpcClient.keyId(bob) + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"/" + alice.login() + "/keys/\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"/nobody/keys/x\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"",
                sig -> "Signature keyId=\"" + aliceKeyId + ",algorithm=\"rsa-sha256\",signature=\"" + sig,
                sig -> "Signature keyId=\"" + aliceKeyId + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + "A".repeat(6000) + "\"");
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < authorizations.size(); i++) {
            Function<String, String> authorization = authorizations.get(i);
            String label = "#" + i + " " + abbreviate(authorization.apply("S".repeat(40)));
            cases.add(new Case("GetImage authorization " + label, metadata(authorization, Instant.now(), method),
                    stub -> stub.getImage(GetImageRequest.newBuilder().setId(own.id().toString()).build())));
            cases.add(new Case("DeleteImage authorization " + label, metadata(authorization, Instant.now(), method),
                    stub -> stub.deleteImage(DeleteImageRequest.newBuilder().setId(own.id().toString()).build())));
        }
        Function<String, String> valid = sig -> "Signature keyId=\"" + aliceKeyId
                + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\"" + sig + "\"";
        for (Duration skew : List.of(Duration.ofHours(-1), Duration.ofDays(-400), Duration.ofMinutes(10), Duration.ofDays(3650))) {
            cases.add(new Case("DeleteImage dated " + skew, metadata(valid, Instant.now().plus(skew), "imageservice.v1.ImageService/DeleteImage"),
                    stub -> stub.deleteImage(DeleteImageRequest.newBuilder().setId(own.id().toString()).build())));
        }
        cases.add(new Case("DeleteImage signed for GetImage", metadata(valid, Instant.now(), method),
                stub -> stub.deleteImage(DeleteImageRequest.newBuilder().setId(own.id().toString()).build())));
        cases.add(new Case("bob deletes alice's image", SigningInterceptor.as(BOB_KEY, GrpcClient.keyId(bob)),
                stub -> stub.deleteImage(DeleteImageRequest.newBuilder().setLogin(alice.login()).setId(own.id().toString()).build())));
        cases.add(new Case("alice's keyId with bob's key", SigningInterceptor.as(BOB_KEY, aliceKeyId),
                stub -> stub.deleteImage(DeleteImageRequest.newBuilder().setId(own.id().toString()).build())));
        cases.add(new Case("no metadata", noMetadata(),
                stub -> stub.updateImage(UpdateImageRequest.newBuilder().setId(own.id().toString()).setDescription("x").build())));
        cases.add(new Case("garbage date", rawMetadata("Signature keyId=\"" + aliceKeyId + "\"", "not a date"),
                stub -> stub.getImage(GetImageRequest.newBuilder().setId(own.id().toString()).build())));
        cases.add(new Case("7 KB authorization", rawMetadata("Signature keyId=\"" + "k".repeat(7 * 1024) + "\"", httpDate(Instant.now())),
                stub -> stub.getImage(GetImageRequest.newBuilder().setId(own.id().toString()).build())));
        return cases;
    }

    private List<Case> sizes() {
        String huge = "h".repeat(5 * 1024 * 1024);
        List<Case> cases = new ArrayList<>(listings("of 5 MB", ListImagesRequest.newBuilder().setName(huge).build()));
        cases.addAll(List.of(
                asAlice("UpdateImage of 5 MB", stub -> stub.updateImage(UpdateImageRequest.newBuilder().setId(own.id().toString())
                        .setDescription(huge).build())),
                asAlice("CreateImageFromMachine of 5 MB", stub -> stub.createImageFromMachine(CreateImageFromMachineRequest
                        .newBuilder().setMachine(machine.id().toString()).setName("n").setVersion("1").setDescription(huge).build())),
                asAlice("ExportImage of 5 MB", stub -> stub.exportImage(ExportImageRequest.newBuilder().setId(own.id().toString())
                        .setMantaPath(huge).build()))));
        return cases;
    }

    /** The two methods that take a ListImagesRequest: ListImages and StreamImages. */
    private List<Case> listings(String label, ListImagesRequest request) {
        return List.of(asAlice("ListImages " + label, stub -> stub.listImages(request)),
                asAlice("StreamImages " + label, stub -> drain(stub.streamImages(request))));
    }

    // ---- running a case -------------------------------------------------------------------------

    private void run(Case c) {
        try {
            c.call().apply(client.stub(c.signing()));
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            assertThat(status.getCode()).as(c.name() + " -> " + status).isNotIn(FAULTS);
        }
        assertThat(alice().getImage(GetImageRequest.newBuilder().setId(own.id().toString()).build()).getId())
                .as("the service still answers after " + c.name()).isEqualTo(own.id().toString());
    }

    private static Object drain(Iterator<?> stream) {
        while (stream.hasNext()) {
            stream.next();
        }
        return null;
    }

    /**
     * Struct and list values nested {@code depth} deep, each level about three protobuf levels:
     * 20 stays within protobuf's parser limit of 100, 60 goes past it (InvalidArgument, never UNKNOWN).
     */
    private static Struct nested(int depth) {
        Value value = Value.newBuilder().setStringValue("leaf").build();
        for (int i = 0; i < depth; i++) {
            value = i % 2 == 0
                    ? Value.newBuilder().setStructValue(Struct.newBuilder().putFields("n", value)).build()
                    : Value.newBuilder().setListValue(ListValue.newBuilder().addValues(value)).build();
        }
        return Struct.newBuilder().putFields("root", value).build();
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("[\\x00-\\x1f\\x7f]", "?");
        return flat.length() <= 60 ? flat : flat.substring(0, 40) + "...(" + flat.length() + ")";
    }

    private static String httpDate(Instant at) {
        return HTTP_DATE.format(at);
    }

    /** Signs as alice with a real signature of {@code signedMethod} at {@code at}, then lets the variant misuse it. */
    private ClientInterceptor metadata(Function<String, String> authorization, Instant at, String signedMethod) {
        String date = httpDate(at);
        String signature = ALICE_KEY.sign("(request-target): post /" + signedMethod + "\ndate: " + date);
        return rawMetadata(authorization.apply(signature), date);
    }

    private static ClientInterceptor rawMetadata(String authorization, String date) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        headers.put(AUTHORIZATION, authorization);
                        headers.put(DATE, date);
                        super.start(listener, headers);
                    }
                };
            }
        };
    }

    private static ClientInterceptor noMetadata() {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return next.newCall(method, options);
            }
        };
    }
}
