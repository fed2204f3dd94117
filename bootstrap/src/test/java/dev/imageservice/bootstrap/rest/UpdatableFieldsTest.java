package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.adapter.rest.dto.UpdateImageRequest;
import dev.imageservice.domain.image.ImageUpdate;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * UpdateImage's documented request must name exactly the fields the domain lets an update change:
 * the record exists only to describe them in the OpenAPI document, so nothing else would notice a
 * field added to {@link ImageUpdate#FIELDS} and not to the document.
 */
class UpdatableFieldsTest {

    @Test
    void theDocumentedRequestNamesTheUpdatableFieldsInOrder() {
        assertThat(Arrays.stream(UpdateImageRequest.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactlyElementsOf(ImageUpdate.FIELDS);
    }
}
