package dev.imageservice.application.service;

import dev.imageservice.application.port.in.ExpireImagePlaceholdersUseCase;
import dev.imageservice.application.port.out.ImageCreationSettings;
import dev.imageservice.application.port.out.ImageEvents;
import dev.imageservice.domain.image.ImageError;
import dev.imageservice.domain.job.ImageJob;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

@Singleton
class ExpireImagePlaceholdersService implements ExpireImagePlaceholdersUseCase {

    private final ImageJobSteps steps;
    private final ImageCreationSettings settings;
    private final ImageEvents events;
    private final Clock clock;

    @Inject
    ExpireImagePlaceholdersService(ImageJobSteps steps, ImageCreationSettings settings,
                                   ImageEvents events, Clock clock) {
        this.steps = steps;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public int expirePlaceholders() {
        List<ImageJob> stale = steps.unfinishedCreatedBefore(clock.instant().minus(settings.placeholderTtl()));
        stale.forEach(job -> steps.fail(job, new ImageError("InternalError",
                "image creation did not finish within " + settings.placeholderTtl()), null).ifPresent(events::stateChanged));
        return stale.size();
    }
}
