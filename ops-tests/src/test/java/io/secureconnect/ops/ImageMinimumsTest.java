package io.secureconnect.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * S12: no third-party image older than its minimum in deploy/image-minimums.txt, wherever the repository names it:
 * {@code image:} in the compose files, deploy/ and configs/, the Dockerfile's base-image ARGs, and Kustomize
 * {@code images:} overrides (an overlay could pin an older tag than the base).
 */
class ImageMinimumsTest {

    private static final Pattern IMAGE_LINE = Pattern.compile("(?m)^[\\s-]*image:\\s*[\"']?([^\\s\"'#]+)");
    private static final Pattern IMAGE_ARG = Pattern.compile("(?m)^ARG\\s+\\w+_IMAGE=([^\\s#]+)");

    /** An image reference as it appears in a file, and where. */
    record ImageUse(String where, String name, String tag) {

        static ImageUse of(String where, String reference) {
            String withoutDigest = reference.split("@", 2)[0];
            int colon = withoutDigest.lastIndexOf(':');
            boolean hasTag = colon > withoutDigest.lastIndexOf('/');
            String name = hasTag ? withoutDigest.substring(0, colon) : withoutDigest;
            return new ImageUse(where, normalise(name), hasTag ? withoutDigest.substring(colon + 1) : "latest");
        }

        /** docker.io/library/postgres and postgres are the same image. */
        private static String normalise(String name) {
            return name.replaceFirst("^(docker\\.io/|index\\.docker\\.io/)", "").replaceFirst("^library/", "");
        }
    }

    @Test
    void everyListedImageIsAtLeastItsMinimumEverywhereItIsUsed() {
        Map<String, String> minimums = minimums();
        List<ImageUse> uses = imageUses();
        for (Map.Entry<String, String> minimum : minimums.entrySet()) {
            List<ImageUse> used = uses.stream().filter(u -> u.name().equals(minimum.getKey())).toList();
            // a minimum nothing uses is a renamed image the check would silently miss
            assertThat(used).as("uses of %s", minimum.getKey()).isNotEmpty();
            for (ImageUse use : used) {
                assertThat(ImageVersion.atLeast(use.tag(), minimum.getValue()))
                        .as("%s uses %s:%s, older than the minimum %s (deploy/image-minimums.txt)", use.where(),
                                use.name(), use.tag(), minimum.getValue())
                        .isTrue();
            }
        }
    }

    @Test
    void theImagesWithPublishedCvesHaveMinimums() {
        assertThat(minimums()).containsKeys("postgres", "redis", "coturn/coturn", "minio/minio", "minio/mc");
    }

    @Test
    void theScanFindsTheImagesOfBothComposeFilesAndTheBackupJob() {
        List<ImageUse> uses = imageUses();
        assertThat(uses).anySatisfy(u -> assertThat(u.where()).contains("docker-compose.production.yml"));
        assertThat(uses).anySatisfy(u -> assertThat(u.where()).contains("docker-compose.monitoring.yml"));
        assertThat(uses).anySatisfy(u -> assertThat(u).extracting(ImageUse::where, ImageUse::name)
                .containsExactly("deploy/k8s/base/backup-cronjob.yaml", "postgres"));
        assertThat(uses).anySatisfy(u -> assertThat(u.where()).isEqualTo("deploy/docker/Dockerfile"));
    }

    static Map<String, String> minimums() {
        Map<String, String> minimums = new LinkedHashMap<>();
        for (String line : Repo.read("deploy/image-minimums.txt").lines().toList()) {
            String content = line.replaceFirst("#.*", "").strip();
            if (!content.isEmpty()) {
                String[] fields = content.split("\\s+");
                assertThat(fields).as("line %s", line).hasSize(2);
                ImageVersion.parse(fields[1]); // an unreadable minimum fails here, not as "everything is older"
                minimums.put(fields[0], fields[1]);
            }
        }
        return minimums;
    }

    static List<ImageUse> imageUses() {
        List<ImageUse> uses = new ArrayList<>();
        for (Path file : filesNamingImages()) {
            String where = Repo.ROOT.relativize(file).toString();
            String text = Repo.read(file);
            Matcher image = IMAGE_LINE.matcher(text);
            while (image.find()) {
                uses.add(ImageUse.of(where, image.group(1)));
            }
            Matcher arg = IMAGE_ARG.matcher(text);
            while (arg.find()) {
                uses.add(ImageUse.of(where, arg.group(1)));
            }
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                for (Map<String, Object> override : Yamls.maps(Repo.yaml(where), "images")) {
                    if (override.get("newTag") != null) {
                        String name = String.valueOf(override.getOrDefault("newName", override.get("name")));
                        uses.add(ImageUse.of(where, name + ":" + override.get("newTag")));
                    }
                }
            }
        }
        return uses;
    }

    private static List<Path> filesNamingImages() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> root = Files.list(Repo.ROOT)) {
            root.filter(f -> f.getFileName().toString().matches("docker-compose.*\\.ya?ml")).forEach(files::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String directory : List.of("deploy", "configs")) {
            files.addAll(Repo.files(directory, ".yaml"));
            files.addAll(Repo.files(directory, ".yml"));
        }
        files.addAll(Repo.files("deploy", "Dockerfile"));
        return files.stream().distinct().sorted().toList();
    }
}
