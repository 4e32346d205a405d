package io.lucid.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The part of Kustomize the manifests use, so a test renders them without the kustomize binary: {@code resources}
 * (files, or directories with a kustomization of their own), {@code namespace}, {@code images} (newName, newTag)
 * and {@code patches} given by {@code path} as strategic merges: a patch finds its resource by kind and name, maps
 * merge key by key, lists of named items (containers, env, ports, volumes) merge by name, other lists are replaced.
 * Anything else in a kustomization fails the render, so the manifests cannot outgrow what is checked.
 */
final class Kustomize {

    private static final List<String> KNOWN = List.of("apiVersion", "kind", "resources", "namespace", "images", "patches");
    /** Kinds that are not namespaced, which {@code namespace} leaves alone. */
    private static final List<String> CLUSTER_KINDS = List.of("Namespace", "ClusterRole", "ClusterRoleBinding");

    private Kustomize() {
    }

    /** Renders the kustomization in {@code dir} into its resources, in order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> render(Path dir) {
        Map<String, Object> kustomization = load(dir.resolve("kustomization.yaml")).get(0);
        for (String key : kustomization.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException(dir + ": kustomization field '" + key + "' is not supported here");
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (String resource : (List<String>) kustomization.getOrDefault("resources", List.of())) {
            Path path = dir.resolve(resource).normalize();
            resources.addAll(Files.isDirectory(path) ? render(path) : load(path));
        }
        for (Map<String, Object> patchEntry : (List<Map<String, Object>>) kustomization.getOrDefault("patches", List.of())) {
            for (Map<String, Object> patch : load(dir.resolve((String) patchEntry.get("path")))) {
                Map<String, Object> target = resources.stream()
                        .filter(r -> Objects.equals(r.get("kind"), patch.get("kind")) && name(r).equals(name(patch)))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(dir + ": patch for " + patch.get("kind") + " "
                                + name(patch) + " matches no resource"));
                merge(target, patch);
            }
        }
        for (Map<String, Object> image : (List<Map<String, Object>>) kustomization.getOrDefault("images", List.of())) {
            resources.forEach(r -> containers(r).forEach(c -> retag(c, image)));
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            resources.stream().filter(r -> !CLUSTER_KINDS.contains(r.get("kind")))
                    .forEach(r -> ((Map<String, Object>) r.get("metadata")).put("namespace", namespace));
        }
        return resources;
    }

    static String name(Map<String, Object> resource) {
        return String.valueOf(((Map<?, ?>) resource.get("metadata")).get("name"));
    }

    /** The containers of a workload's pod template; none for other kinds. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Map<String, Object> resource) {
        Object spec = resource.get("spec");
        if (!(spec instanceof Map<?, ?> s) || !(s.get("template") instanceof Map<?, ?> template)
                || !(template.get("spec") instanceof Map<?, ?> podSpec)) {
            return List.of();
        }
        return (List<Map<String, Object>>) podSpec.get("containers");
    }

    private static void retag(Map<String, Object> container, Map<String, Object> image) {
        String current = (String) container.get("image");
        String bare = current.replaceFirst(":[^:/]+$", "");
        if (!bare.equals(image.get("name"))) {
            return;
        }
        String name = (String) image.getOrDefault("newName", bare);
        Object tag = image.get("newTag");
        container.put("image", tag == null ? name : name + ":" + tag);
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            Object existing = target.get(entry.getKey());
            Object value = entry.getValue();
            if (existing instanceof Map<?, ?> e && value instanceof Map<?, ?> v) {
                merge((Map<String, Object>) e, (Map<String, Object>) v);
            } else if (existing instanceof List<?> e && value instanceof List<?> v && namedItems(e) && namedItems(v)) {
                mergeNamed((List<Object>) e, (List<Object>) v);
            } else {
                target.put(entry.getKey(), value);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeNamed(List<Object> target, List<?> patch) {
        for (Object item : patch) {
            Map<String, Object> patchItem = (Map<String, Object>) item;
            target.stream().map(t -> (Map<String, Object>) t)
                    .filter(t -> Objects.equals(t.get("name"), patchItem.get("name")))
                    .findFirst()
                    .ifPresentOrElse(t -> merge(t, patchItem), () -> target.add(patchItem));
        }
    }

    private static boolean namedItems(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.containsKey("name"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> load(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml(options).loadAll(Files.readString(file))) {
                if (document != null) {
                    documents.add(new LinkedHashMap<>((Map<String, Object>) document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
