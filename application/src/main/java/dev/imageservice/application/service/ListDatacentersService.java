package dev.imageservice.application.service;

import dev.imageservice.application.port.in.ListDatacentersUseCase;
import dev.imageservice.application.port.out.Datacenters;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

@Singleton
class ListDatacentersService implements ListDatacentersUseCase {

    private final Datacenters datacenters;

    @Inject
    ListDatacentersService(Datacenters datacenters) {
        this.datacenters = datacenters;
    }

    @Override
    public DatacenterDirectory listDatacenters() {
        return new DatacenterDirectory(datacenters.localName(), datacenters.all());
    }
}
