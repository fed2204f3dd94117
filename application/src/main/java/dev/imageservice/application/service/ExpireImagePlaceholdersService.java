package dev.imageservice.application.service;

import dev.imageservice.application.port.in.ExpireImagePlaceholdersUseCase;
import dev.imageservice.application.port.out.ImageJob;
import dev.imageservice.application.port.out.ImageJobs;
import dev.imageservice.domain.image.ImageError;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

@Singleton
class ExpireImagePlaceholdersService implements ExpireImagePlaceholdersUseCase {

    private final ImageJobs jobs;
    private final ImageJobSteps steps;
    private final ImageCreationSettings settings;
    private final Clock clock;

    @Inject
    ExpireImagePlaceholdersService(ImageJobs jobs, ImageJobSteps steps, ImageCreationSettings settings, Clock clock) {
        this.jobs = jobs;
        this.steps = steps;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    @Transactional
    public int expirePlaceholders() {
        List<ImageJob> stale = jobs.unfinishedCreatedBefore(clock.instant().minus(settings.placeholderTtl()));
        stale.forEach(job -> steps.fail(job, new ImageError("InternalError",
                "image creation did not finish within " + settings.placeholderTtl()), null));
        return stale.size();
    }
}
