package dev.modelyard.registry.deploy;

import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.RepositoryModelLoadRequest;
import dev.modelyard.protocols.kserve.RepositoryModelLoadResponse;
import dev.modelyard.protocols.kserve.RepositoryModelUnloadRequest;
import dev.modelyard.protocols.kserve.RepositoryModelUnloadResponse;
import dev.modelyard.registry.RegistryConfig;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Model servers for tests: a real gRPC server on each configured target that records every
 * RepositoryModelLoad/Unload and refuses them on the targets it is told to fail on.
 */
@Startup
@Singleton
public class FakeModelServers {

    /** One repository call as a server received it. */
    public record Call(String target, String rpc, String modelName) {
    }

    private final List<String> targets;
    private final List<Server> servers = new ArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public FakeModelServers(RegistryConfig config) {
        this.targets = config.modelServers().orElse(List.of());
        for (String target : targets) {
            int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
            try {
                servers.add(Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create())
                        .addService(new Repository(target)).build().start());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start a fake model server on " + target, e);
            }
        }
    }

    public List<String> targets() {
        return targets;
    }

    /** The calls received for one serving name, in order. */
    public List<Call> callsFor(String servingName) {
        return calls.stream().filter(c -> c.modelName().equals(servingName)).toList();
    }

    public void failOn(String target) {
        failing.add(target);
    }

    public void recover() {
        failing.clear();
    }

    @PreDestroy
    void stop() {
        servers.forEach(Server::shutdownNow);
    }

    private final class Repository extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
        private final String target;

        Repository(String target) {
            this.target = target;
        }

        @Override
        public void repositoryModelLoad(RepositoryModelLoadRequest request,
                                        StreamObserver<RepositoryModelLoadResponse> response) {
            if (answer("load", request.getModelName(), response)) {
                response.onNext(RepositoryModelLoadResponse.getDefaultInstance());
                response.onCompleted();
            }
        }

        @Override
        public void repositoryModelUnload(RepositoryModelUnloadRequest request,
                                          StreamObserver<RepositoryModelUnloadResponse> response) {
            if (answer("unload", request.getModelName(), response)) {
                response.onNext(RepositoryModelUnloadResponse.getDefaultInstance());
                response.onCompleted();
            }
        }

        /** Records the call; false when this server fails it (the error is already sent). */
        private boolean answer(String rpc, String modelName, StreamObserver<?> response) {
            calls.add(new Call(target, rpc, modelName));
            if (failing.contains(target)) {
                response.onError(Status.INTERNAL.withDescription("onnxruntime refused the model").asRuntimeException());
                return false;
            }
            return true;
        }
    }
}
