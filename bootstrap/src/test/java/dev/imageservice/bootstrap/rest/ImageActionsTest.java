package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.application.port.in.CloneImageUseCase;
import dev.imageservice.application.port.in.CreateImageFromMachineUseCase;
import dev.imageservice.application.port.in.ExportImageUseCase;
import dev.imageservice.application.port.in.ImportImageFromDatacenterUseCase;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** POST and DELETE on images: action dispatch, UpdateImage, DeleteImage and the not-yet-available actions. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageActionsTest {

    @Inject
    TestData data;

    private Caller alice;
    private Caller bob;
    private UUID bobsPublic;
    private UUID bobsPrivate;

    @BeforeAll
    void seed() {
        alice = Caller.create(data, "actions");
        bob = Caller.create(data, "actions");
        bobsPublic = data.image(bob.account(), "bobs-public").publicImage().add().id();
        bobsPrivate = data.image(bob.account(), "bobs-private").add().id();
    }

    private UUID alicesImage() {
        return data.image(alice.account(), "alices-image").description("before").add().id();
    }

    // --- UpdateImage ---

    @Test
    void updateChangesTheGivenFieldsAndAnswersTheImage() {
        UUID id = alicesImage();

        Response response = alice.signed().contentType("application/json")
                .body(Map.of("name", "renamed", "description", "after", "tags", Map.of("role", "db", "n", 3)))
                .post("/my/images/" + id + "?action=update");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getString("id")).isEqualTo(id.toString());
        assertThat(response.jsonPath().getString("name")).isEqualTo("renamed");
        assertThat(response.jsonPath().getString("description")).isEqualTo("after");
        assertThat(response.jsonPath().getInt("tags.n")).isEqualTo(3);
        assertThat(data.find(id).manifest().name().value()).isEqualTo("renamed");
    }

    @Test
    void sharingAndUnsharingThroughTheAcl() {
        UUID id = alicesImage();
        assertThat(bob.signed().get("/my/images/" + id).statusCode()).isEqualTo(404);

        Response shared = alice.signed().contentType("application/json").body(Map.of("acl", new String[] {bob.id()}))
                .post("/my/images/" + id + "?action=update");
        assertThat(shared.jsonPath().getList("acl", String.class)).containsExactly(bob.id());
        assertThat(bob.signed().get("/my/images/" + id).statusCode()).isEqualTo(200);

        Response unshared = alice.signed().contentType("application/json").body("{\"acl\": null}")
                .post("/my/images/" + id + "?action=update");
        assertThat(unshared.statusCode()).isEqualTo(200);
        // acl: null empties the ACL; an empty ACL is not shown, as IMGAPI does.
        assertThat(unshared.jsonPath().getList("acl")).isNull();
        assertThat(data.find(id).manifest().acl().isEmpty()).isTrue();
        assertThat(bob.signed().get("/my/images/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void updateWithNoUpdatableFieldIsValidationFailed() {
        Response response = alice.signed().contentType("application/json").body(Map.of("state", "disabled"))
                .post("/my/images/" + alicesImage() + "?action=update");

        ProtocolErrorsTest.assertError(response, 422, "ValidationFailed");
        assertThat(response.jsonPath().getList("errors")).isNotNull();
    }

    @Test
    void anInvalidFieldIsValidationFailedNamingTheField() {
        Response response = alice.signed().contentType("application/json").body(Map.of("name", "bad\u00e9name!"))
                .post("/my/images/" + alicesImage() + "?action=update");

        ProtocolErrorsTest.assertError(response, 422, "ValidationFailed");
        assertThat(response.jsonPath().getString("errors[0].field")).isEqualTo("name");
        assertThat(response.jsonPath().getString("errors[0].code")).isNotBlank();
        assertThat(response.jsonPath().getString("errors[0].message")).isNotBlank();
    }

    @Test
    void updatingAnotherAccountsVisibleImageIsNotImageOwner() {
        Response response = alice.signed().contentType("application/json").body(Map.of("name", "mine"))
                .post("/my/images/" + bobsPublic + "?action=update");

        ProtocolErrorsTest.assertError(response, 422, "NotImageOwner");
    }

    @Test
    void anInvisibleImageIsNotFoundWhateverTheAction() {
        ProtocolErrorsTest.assertError(alice.signed().contentType("application/json").body(Map.of("name", "x"))
                .post("/my/images/" + bobsPrivate + "?action=update"), 404, "ResourceNotFound");
        ProtocolErrorsTest.assertError(alice.signed().post("/my/images/" + bobsPrivate), 404, "ResourceNotFound");
        ProtocolErrorsTest.assertError(alice.signed().post("/my/images/" + bobsPrivate + "?action=bogus"),
                404, "ResourceNotFound");
    }

    // --- action dispatch ---

    @Test
    void noActionIsMissingParameter() {
        ProtocolErrorsTest.assertError(alice.signed().contentType("application/json").body(Map.of("name", "x"))
                .post("/my/images/" + alicesImage()), 409, "MissingParameter");
    }

    @Test
    void anUnknownActionIsInvalidArgument() {
        ProtocolErrorsTest.assertError(alice.signed().post("/my/images/" + alicesImage() + "?action=frobnicate"),
                409, "InvalidArgument");
        ProtocolErrorsTest.assertError(alice.signed().post("/my/images?action=frobnicate"), 409, "InvalidArgument");
    }

    @Test
    void theActionMayComeFromTheBodyAlone() {
        UUID id = alicesImage();

        Response response = alice.signed().contentType("application/json")
                .body(Map.of("action", "update", "description", "from the body"))
                .post("/my/images/" + id);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getString("description")).isEqualTo("from the body");
    }

    @Test
    void theBodyWinsOverTheQuery() {
        UUID id = alicesImage();

        ProtocolErrorsTest.assertError(alice.signed().contentType("application/json")
                .body(Map.of("action", "bogus", "description", "x"))
                .post("/my/images/" + id + "?action=update"), 409, "InvalidArgument");

        Response response = alice.signed().contentType("application/json")
                .body(Map.of("action", "update", "description", "body"))
                .post("/my/images/" + id + "?action=bogus&description=query");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("description")).isEqualTo("body");
    }

    @Test
    void queryParametersAloneCanUpdate() {
        UUID id = alicesImage();

        Response response = alice.signed().urlEncodingEnabled(false)
                .post("/my/images/" + id + "?action=update&description=from%20the%20query");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("description")).isEqualTo("from the query");
    }

    @Test
    void exportNeedsAMantaPath() {
        ProtocolErrorsTest.assertError(alice.signed().contentType("application/json").body(Map.of("action", "export"))
                .post("/my/images/" + alicesImage()), 409, "MissingParameter");
    }



    // --- CreateImageFromMachine and ImportImageFromDatacenter parameters ---

    @Test
    void creationRequiresMachineNameAndVersionInThatOrder() {
        assertMissing(Map.of("name", "n", "version", "1"), "machine");
        assertMissing(Map.of("machine", UUID.randomUUID().toString(), "version", "1"), "name");
        assertMissing(Map.of("machine", UUID.randomUUID().toString(), "name", "n"), "version");
    }


    @Test
    void importRequiresADatacenterAndAUuid() {
        ProtocolErrorsTest.assertError(alice.signed()
                .post("/my/images?action=import-from-datacenter&id=" + UUID.randomUUID()), 409, "MissingParameter");
        ProtocolErrorsTest.assertError(alice.signed()
                .post("/my/images?action=import-from-datacenter&datacenter=west&id=nope"), 409, "InvalidArgument");
    }


    // --- DeleteImage ---

    @Test
    void deleteAnswers204AndTheImageIsGone() {
        UUID id = alicesImage();

        Response response = alice.signed().delete("/my/images/" + id);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.asByteArray()).isEmpty();
        assertThat(data.find(id)).isNull();
        ProtocolErrorsTest.assertError(alice.signed().get("/my/images/" + id), 404, "ResourceNotFound");
    }

    @Test
    void anImageInAnyStateMayBeDeleted() {
        for (ImageState state : ImageState.values()) {
            UUID id = data.image(alice.account(), "doomed").state(state).add().id();
            assertThat(alice.signed().delete("/my/images/" + id).statusCode()).as(state.wireName()).isEqualTo(204);
        }
    }

    @Test
    void deletingAnotherAccountsVisibleImageIsNotImageOwner() {
        ProtocolErrorsTest.assertError(alice.signed().delete("/my/images/" + bobsPublic), 422, "NotImageOwner");
        assertThat(data.find(bobsPublic)).isNotNull();
    }

    @Test
    void deletingAnImageOthersBuildOnIsRefused() {
        UUID base = alicesImage();
        Image child = data.image(alice.account(), "child").origin(base).add();

        ProtocolErrorsTest.assertError(alice.signed().delete("/my/images/" + base), 422, "ImageHasDependentImages");

        assertThat(alice.signed().delete("/my/images/" + child.id()).statusCode()).isEqualTo(204);
        assertThat(alice.signed().delete("/my/images/" + base).statusCode()).isEqualTo(204);
    }

    @Test
    void deletingAnInvisibleImageIsNotFound() {
        ProtocolErrorsTest.assertError(alice.signed().delete("/my/images/" + bobsPrivate), 404, "ResourceNotFound");
        assertThat(data.find(bobsPrivate)).isNotNull();
    }

    private void assertMissing(Map<String, String> body, String missing) {
        Response response = alice.signed().contentType("application/json").body(body).post("/my/images");
        ProtocolErrorsTest.assertError(response, 409, "MissingParameter");
        assertThat(response.jsonPath().getString("message")).contains(missing);
    }

}
