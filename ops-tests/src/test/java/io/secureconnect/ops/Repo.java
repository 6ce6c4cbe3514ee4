package io.secureconnect.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The checkout under test, and plain YAML reading of its files (a parse error fails the calling test). */
public final class Repo {

    public static final Path ROOT = root();

    private Repo() {
    }

    private static Path root() {
        String configured = System.getProperty("secureconnect.repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    public static String read(String relative) {
        return read(path(relative));
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single YAML document of a file, as maps and lists. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> yaml(String relative) {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(read(relative));
    }

    /** Every document of a multi-document YAML file, empty documents left out. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file))) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    public static List<Path> files(String directory, String suffix) {
        try (Stream<Path> files = Files.walk(path(directory))) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
