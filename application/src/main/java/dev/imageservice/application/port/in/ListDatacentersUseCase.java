package dev.imageservice.application.port.in;

import java.util.Map;

/** ListDatacenters: this datacenter's name and every datacenter's URL. */
public interface ListDatacentersUseCase {

    DatacenterDirectory listDatacenters();

    record DatacenterDirectory(String localName, Map<String, String> urls) {
    }
}
