package dev.modelyard.router.routing;

import dev.modelyard.router.resolve.ServingResolution;
import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/**
 * Picks the version a call goes to when the model's traffic is split between aliases: by weight, at random,
 * or, when the caller gives a sticky key (its request or session id), by a hash of it, so that every call
 * with that key lands on the same version for as long as the weights stay.
 */
public final class TrafficSplit {

    private TrafficSplit() {
    }

    public static ServingResolution pick(ServingResolution resolution, String stickyKey, RandomGenerator random) {
        if (resolution.traffic().isEmpty()) {
            return resolution;
        }
        int total = resolution.traffic().stream().mapToInt(ServingResolution.TrafficShare::weight).sum();
        if (total <= 0) {
            return resolution;
        }
        long point = stickyKey == null || stickyKey.isEmpty()
                ? random.nextInt(total)
                : Math.floorMod(hash(resolution.servingName() + "\n" + stickyKey), total);
        for (ServingResolution.TrafficShare share : resolution.traffic()) {
            point -= share.weight();
            if (point < 0) {
                return share.serving();
            }
        }
        return resolution.traffic().getLast().serving();
    }

    /** FNV-1a over the UTF-8 bytes, then a finalizing mix: the same on every router and in every release. */
    static long hash(String value) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash;
    }
}
