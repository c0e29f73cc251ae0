package dev.modelyard.registry.discovery;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The ready endpoints of the model servers' Service, from its EndpointSlices ({@code discovery.k8s.io/v1}, those
 * labelled {@code kubernetes.io/service-name=<service>}), watched by an informer. Each ready endpoint address
 * becomes {@code ip:port} with the port of the Service's gRPC port name; a pod that is starting, failing its
 * readiness probe or terminating is not a target. Listeners hear of the first complete list and of every change
 * after it, never of the partial lists an informer goes through while it starts.
 */
public final class EndpointSliceDiscovery implements ModelServerDiscovery {

    /** The label Kubernetes puts on every EndpointSlice of a Service. */
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    private static final Logger LOG = Logger.getLogger(EndpointSliceDiscovery.class);

    private final String portName;
    private final List<Consumer<List<String>>> listeners = new CopyOnWriteArrayList<>();
    private final SharedIndexInformer<EndpointSlice> informer;
    private volatile List<String> targets = List.of();

    private EndpointSliceDiscovery(KubernetesClient client, DiscoveryConfig.Kubernetes config) {
        this.portName = config.portName();
        String namespace = config.namespace().orElseGet(client::getNamespace);
        this.informer = client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel(SERVICE_NAME_LABEL, config.service()).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(EndpointSlice slice) {
                refresh();
            }

            @Override
            public void onUpdate(EndpointSlice before, EndpointSlice after) {
                refresh();
            }

            @Override
            public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
                refresh();
            }
        });
        // Keep trying, the first list included: a registry that cannot see the cluster yet (RBAC being applied, the
        // API server restarting) should find the servers once it can, not stop looking.
        informer.exceptionHandler((started, failure) -> {
            LOG.warnf("Watching the model servers' EndpointSlices failed (%s); retrying", failure.getMessage());
            return true;
        });
        LOG.infof("Discovering model servers from the EndpointSlices of Service %s/%s, port %s", namespace,
                config.service(), portName);
    }

    /** Starts watching; the targets stay empty until the first list has arrived. */
    public static EndpointSliceDiscovery start(KubernetesClient client, DiscoveryConfig.Kubernetes config) {
        EndpointSliceDiscovery discovery = new EndpointSliceDiscovery(client, config);
        discovery.informer.start().whenComplete((synced, failure) -> {
            if (failure != null) {
                LOG.errorf(failure, "Cannot list the model servers' EndpointSlices");
            } else {
                discovery.refresh();
            }
        });
        return discovery;
    }

    @Override
    public List<String> targets() {
        return targets;
    }

    @Override
    public boolean followsChanges() {
        return true;
    }

    @Override
    public void onChange(Consumer<List<String>> listener) {
        listeners.add(listener);
    }

    @Override
    public boolean synced() {
        return informer.hasSynced();
    }

    private synchronized void refresh() {
        if (!informer.hasSynced()) {
            return;
        }
        List<String> now = targetsOf(informer.getStore().list(), portName);
        if (now.equals(targets)) {
            return;
        }
        LOG.infof("Model servers now %s (were %s)", now, targets);
        targets = now;
        listeners.forEach(listener -> listener.accept(now));
    }

    /**
     * The {@code host:port} of every ready endpoint address of the slices, sorted; an endpoint whose readiness is
     * unknown counts as ready, as Kubernetes asks of consumers. Slices without the named port contribute nothing.
     */
    static List<String> targetsOf(Collection<EndpointSlice> slices, String portName) {
        Set<String> targets = new TreeSet<>();
        for (EndpointSlice slice : slices) {
            Integer port = slice.getPorts() == null ? null : slice.getPorts().stream()
                    .filter(p -> portName.equals(p.getName())).map(EndpointPort::getPort).filter(Objects::nonNull)
                    .findFirst().orElse(null);
            if (port == null || slice.getEndpoints() == null) {
                continue;
            }
            boolean ipv6 = "IPv6".equals(slice.getAddressType());
            for (Endpoint endpoint : slice.getEndpoints()) {
                if (endpoint.getConditions() != null && Boolean.FALSE.equals(endpoint.getConditions().getReady())) {
                    continue;
                }
                for (String address : endpoint.getAddresses()) {
                    targets.add((ipv6 ? "[" + address + "]" : address) + ":" + port);
                }
            }
        }
        return List.copyOf(targets);
    }

    @Override
    public void close() {
        informer.close();
    }
}
