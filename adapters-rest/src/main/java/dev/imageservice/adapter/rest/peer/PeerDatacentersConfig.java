package dev.imageservice.adapter.rest.peer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;

/** {@code images.datacenters."<name>".url}: the peer datacenters this instance can import from. */
@ConfigMapping(prefix = "images.datacenters")
public interface PeerDatacentersConfig {

    @WithParentName
    Map<String, Peer> peers();

    interface Peer {
        String url();
    }
}
