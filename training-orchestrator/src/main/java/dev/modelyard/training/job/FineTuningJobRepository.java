package dev.modelyard.training.job;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class FineTuningJobRepository implements PanacheRepositoryBase<FineTuningJob, String> {
}
