package dev.imageservice.application.service;

import dev.imageservice.application.port.in.ListImageJobsUseCase;
import dev.imageservice.application.port.out.ImageJobs;
import dev.imageservice.domain.job.ImageJob;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;

@Singleton
class ListImageJobsService implements ListImageJobsUseCase {

    private final ImageJobs jobs;

    @Inject
    ListImageJobsService(ImageJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    @Transactional
    public List<ImageJob> listJobs(ImageJob.State state) {
        return jobs.list(state);
    }
}
