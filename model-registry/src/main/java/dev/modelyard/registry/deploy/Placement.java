package dev.modelyard.registry.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;

/**
 * Which model servers a model is loaded on. With {@code replicas} of them (0 or at least all: every one),
 * the servers are chosen by rendezvous hashing of the serving name: each model gets the servers that score
 * highest for it, the choice is the same on every registry replica, and adding or removing a server only
 * moves the models that scored highest on it.
 */
public final class Placement {

    private Placement() {
    }

    /** The chosen targets, in configuration order. */
    public static List<String> choose(String servingName, List<String> targets, int replicas) {
        if (replicas <= 0 || replicas >= targets.size()) {
            return List.copyOf(targets);
        }
        List<String> chosen = targets.stream()
                .sorted(Comparator.comparing((String target) -> score(servingName, target)).reversed())
                .limit(replicas).toList();
        return targets.stream().filter(chosen::contains).toList();
    }

    private static long score(String servingName, String target) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((servingName + "\n" + target).getBytes(StandardCharsets.UTF_8));
            long score = 0;
            for (int i = 0; i < 8; i++) {
                score = score << 8 | (digest[i] & 0xff);
            }
            return score;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
