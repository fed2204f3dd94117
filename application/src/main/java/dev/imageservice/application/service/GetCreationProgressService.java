package dev.imageservice.application.service;

import dev.imageservice.application.port.in.GetCreationProgressUseCase;
import dev.imageservice.application.port.out.ImageJobs;
import dev.imageservice.domain.job.ImageJob;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

@Singleton
class GetCreationProgressService implements GetCreationProgressUseCase {

    private final ImageJobs jobs;

    @Inject
    GetCreationProgressService(ImageJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    @Transactional
    public Optional<ImageJob> creationJob(UUID imageId) {
        return jobs.latestForImage(imageId);
    }
}
