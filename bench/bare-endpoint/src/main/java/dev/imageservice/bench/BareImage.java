package dev.imageservice.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** One constant image, as GetImage answers it: what Quarkus alone costs per request. */
@Path("/image")
public class BareImage {

    private static final String IMAGE = """
            {"id":"2b683a82-a066-11e3-97ab-2faa44701c5a","name":"base","version":"13.4.0","os":"smartos",\
            "requirements":{},"type":"zone-dataset","description":"A 32-bit SmartOS image with just essential \
            packages installed. Ideal for users who are comfortable with setting up their own environment and tools.",\
            "files":[{"compression":"gzip","sha1":"3bebb6ae2cdb26eef20cfb30fdc4a00a059a0b7b","size":110742036}],\
            "tags":{"role":"os","group":"base-32"},"homepage":"https://docs.joyent.com/images/smartos/base",\
            "published_at":"2014-02-28T10:50:37Z","owner":"930896af-bf8c-48d4-885c-6573a94b1853",\
            "public":true,"state":"active"}""";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String image() {
        return IMAGE;
    }
}
