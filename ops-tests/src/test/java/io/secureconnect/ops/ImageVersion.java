package io.secureconnect.ops;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version an image tag names, in one of the two shapes our images use: dotted numbers ({@code 16.11-alpine},
 * {@code v2.55.1}; the suffix after {@code -} is a variant, not a version) and MinIO's {@code RELEASE.<timestamp>}.
 * Tags of different shapes do not compare: a tag we cannot read is a failure, never "new enough".
 */
record ImageVersion(List<Integer> numbers, LocalDateTime release) implements Comparable<ImageVersion> {

    private static final Pattern DOTTED = Pattern.compile("v?(\\d+(?:\\.\\d+)*)(?:-[A-Za-z0-9._-]+)?");
    private static final Pattern RELEASE = Pattern.compile("RELEASE\\.(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2})Z");
    private static final DateTimeFormatter RELEASE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss");

    static ImageVersion parse(String tag) {
        Matcher release = RELEASE.matcher(tag);
        if (release.matches()) {
            try {
                return new ImageVersion(null, LocalDateTime.parse(release.group(1), RELEASE_TIME));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a MinIO release tag: " + tag, e);
            }
        }
        Matcher dotted = DOTTED.matcher(tag);
        if (dotted.matches()) {
            List<Integer> numbers = new ArrayList<>();
            for (String part : dotted.group(1).split("\\.")) {
                numbers.add(Integer.parseInt(part));
            }
            return new ImageVersion(List.copyOf(numbers), null);
        }
        throw new IllegalArgumentException("tag " + tag + " is neither dotted numbers nor RELEASE.<timestamp>");
    }

    /** True when {@code tag} is the same version as {@code minimum} or newer. */
    static boolean atLeast(String tag, String minimum) {
        return parse(tag).compareTo(parse(minimum)) >= 0;
    }

    @Override
    public int compareTo(ImageVersion other) {
        if ((release == null) != (other.release == null)) {
            throw new IllegalArgumentException(this + " and " + other + " are versions of different shapes");
        }
        if (release != null) {
            return release.compareTo(other.release);
        }
        // 16.11 > 16.9 (numbers, not text); a missing component counts as 0, so 7.4 == 7.4.0
        for (int i = 0; i < Math.max(numbers.size(), other.numbers.size()); i++) {
            int mine = i < numbers.size() ? numbers.get(i) : 0;
            int theirs = i < other.numbers.size() ? other.numbers.get(i) : 0;
            if (mine != theirs) {
                return Integer.compare(mine, theirs);
            }
        }
        return 0;
    }
}
