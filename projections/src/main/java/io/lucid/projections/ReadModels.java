package io.lucid.projections;

import io.lucid.projections.view.ViewDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Every read model on the classpath ({@link ServiceLoader} of {@link ReadModel}), checked once: names well-formed and
 * unique, each view written by exactly one read model. The projections run them; query-api serves their views.
 */
public final class ReadModels {

    private ReadModels() {
    }

    /** All read models, by name. */
    public static List<ReadModel> all() {
        List<ReadModel> models = new ArrayList<>();
        ServiceLoader.load(ReadModel.class, ReadModels.class.getClassLoader()).forEach(models::add);
        models.sort(Comparator.comparing(ReadModel::name));
        check(models);
        return List.copyOf(models);
    }

    /** The read models among {@code names}, or all when it is empty. */
    public static List<ReadModel> named(List<String> names) {
        List<ReadModel> all = all();
        if (names.isEmpty()) {
            return all;
        }
        Set<String> known = new HashSet<>();
        all.forEach(model -> known.add(model.name()));
        for (String name : names) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("no read model named " + name + "; known: " + known);
            }
        }
        return all.stream().filter(model -> names.contains(model.name())).toList();
    }

    /** Every view definition of every read model. */
    public static List<ViewDefinition> views() {
        return all().stream().flatMap(model -> model.views().stream()).toList();
    }

    static void check(List<ReadModel> models) {
        Set<String> names = new HashSet<>();
        Set<String> views = new HashSet<>();
        for (ReadModel model : models) {
            if (!ReadModel.NAME.matcher(model.name()).matches()) {
                throw new IllegalStateException("read model name " + model.name() + " does not match " + ReadModel.NAME);
            }
            if (!names.add(model.name())) {
                throw new IllegalStateException("two read models named " + model.name());
            }
            for (ViewDefinition view : model.views()) {
                if (!views.add(view.view())) {
                    throw new IllegalStateException("view " + view.view() + " is written by two read models");
                }
            }
        }
    }
}
