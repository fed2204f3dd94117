package dev.imageservice.application.port.in;

/** Works the image job queue: called repeatedly by whatever drives the worker. */
public interface RunImageJobsUseCase {

    /** Claims and runs one job to its end; false when no job was waiting. */
    boolean runNextJob();
}
