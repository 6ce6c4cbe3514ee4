import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Vendors the libraries the web client loads in the browser (web-client/vendor/package-lock.json) into the served
 * resources, so the build needs Java only: no Node, no npm. Maven runs it in web-client's generate-resources phase.
 *
 * <p>For each package the lockfile installs (dev packages left out) it takes the tarball at {@code resolved}, refuses
 * it unless its SHA-512 is the lockfile's {@code integrity}, and copies out what a browser runs: the ES module files
 * (every {@code .js} under the folder of the package's ES module entry), {@code package.json} and the licence, to
 * {@code <out>/<package name>/}. {@code <out>/LICENSES.md} lists each package with its licence and integrity.
 * Tarballs are kept in a cache folder named by their hash and checked again before each use, so an offline build
 * works after the first one.
 *
 * <p>Then it checks the page's import map against what it wrote: every target must exist, and every bare specifier
 * a vendored file imports statically must resolve through the map to an existing file. A library that needs a
 * package the lockfile lacks, or a map that names a file the tarball does not have, stops the build here rather
 * than in a browser.
 *
 * <p>Usage: {@code java VendorFromLockfile.java <package-lock.json> <index.html> <out dir, served as /app/vendor/>
 * <tarball cache dir> --offline=<true|false>}
 */
public final class VendorFromLockfile {

    private static final String SERVED_AS = "/app/vendor/";
    /** An npm package name (optionally scoped), which also makes a safe folder name under the output. */
    private static final Pattern NPM_NAME = Pattern.compile("(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*");

    /** @param integrity the lockfile's SRI value ({@code sha512-<base64>}), @param sha512 the digest it names */
    record LockedPackage(String name, String version, URI resolved, String integrity, byte[] sha512) {

        boolean matches(byte[] tarball) {
            return MessageDigest.isEqual(sha512, VendorFromLockfile.sha512(tarball));
        }
    }

    record VendoredPackage(LockedPackage locked, String licence, int files, long bytes) {
    }

    static final class BuildFailure extends RuntimeException {
        BuildFailure(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5 || !args[4].matches("--offline=(true|false)")) {
            System.err.println("usage: java VendorFromLockfile.java <package-lock.json> <index.html> <out dir> <cache dir> --offline=<true|false>");
            System.exit(2);
        }
        Path lockfile = Path.of(args[0]);
        Path page = Path.of(args[1]);
        Path out = Path.of(args[2]);
        var cache = new TarballCache(Path.of(args[3]), args[4].equals("--offline=true"));
        try {
            long started = System.nanoTime();
            deleteTree(out);
            List<VendoredPackage> vendored = new ArrayList<>();
            for (LockedPackage locked : lockedPackages(lockfile)) {
                vendored.add(vendor(locked, cache.tarball(locked), out.resolve(locked.name())));
            }
            Files.writeString(out.resolve("LICENSES.md"), licences(vendored));
            checkImportMap(importMap(page), out);
            System.out.printf("[vendor] %d packages, %d files, %d bytes into %s (%d ms)%n", vendored.size(),
                    vendored.stream().mapToInt(VendoredPackage::files).sum(),
                    vendored.stream().mapToLong(VendoredPackage::bytes).sum(), out,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (BuildFailure failure) {
            System.err.println("[vendor] " + failure.getMessage());
            System.exit(1);
        }
    }

    // ---- the lockfile

    @SuppressWarnings("unchecked")
    static List<LockedPackage> lockedPackages(Path lockfile) throws IOException {
        var lock = (Map<String, Object>) Json.parse(Files.readString(lockfile));
        if (!(lock.get("lockfileVersion") instanceof Number version && version.intValue() == 3)) {
            throw new BuildFailure(lockfile + ": expected an npm lockfile of version 3");
        }
        List<LockedPackage> packages = new ArrayList<>();
        var entries = (Map<String, Map<String, Object>>) lock.get("packages");
        entries.forEach((path, entry) -> {
            if (path.isEmpty() || Boolean.TRUE.equals(entry.get("dev"))) {
                return;
            }
            String name = path.replaceFirst("^node_modules/", "");
            if (!NPM_NAME.matcher(name).matches()) {
                // also: one URL per package name in the import map, so two versions of a package cannot be served
                throw new BuildFailure(lockfile + ": " + path + " is not a top-level package (a nested one is a"
                        + " second version of a package, which cannot share the import map)");
            }
            if (!(entry.get("resolved") instanceof String resolved) || !resolved.startsWith("https://")
                    || !(entry.get("integrity") instanceof String integrity)) {
                throw new BuildFailure(lockfile + ": " + name + " has no https `resolved` address or no `integrity`"
                        + " (regenerate it with web-client/vendor/.npmrc, which keeps them)");
            }
            // SRI may list several hashes; a SHA-512 is required, nothing weaker is accepted
            byte[] sha512 = Stream.of(integrity.strip().split("\\s+")).filter(h -> h.startsWith("sha512-"))
                    .map(h -> Base64.getDecoder().decode(h.substring("sha512-".length()))).findFirst()
                    .orElseThrow(() -> new BuildFailure(lockfile + ": " + name + "'s integrity is not sha512"));
            packages.add(new LockedPackage(name, (String) entry.get("version"), URI.create(resolved), integrity, sha512));
        });
        return packages;
    }

    static byte[] sha512(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tarballs by hash outside target/, so `mvn clean` and offline builds do not download again. */
    record TarballCache(Path folder, boolean offline) {

        byte[] tarball(LockedPackage locked) throws IOException, InterruptedException {
            Path cached = folder.resolve(HexFormat.of().formatHex(locked.sha512()) + ".tgz");
            if (Files.exists(cached)) {
                byte[] bytes = Files.readAllBytes(cached);
                if (locked.matches(bytes)) {
                    return bytes;
                }
                System.err.println("[vendor] cached " + cached + " does not match " + locked.name() + "'s integrity: fetching it again");
                Files.delete(cached);
            }
            if (offline) {
                throw new BuildFailure(locked.name() + "@" + locked.version() + " is not in " + folder
                        + " and Maven is offline: build once with the network (without -o) to fetch " + locked.resolved());
            }
            System.out.println("[vendor] fetching " + locked.resolved());
            HttpResponse<byte[]> response;
            try (var http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20)).build()) {
                response = http.send(HttpRequest.newBuilder(locked.resolved()).timeout(Duration.ofMinutes(2)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new BuildFailure("cannot fetch " + locked.resolved() + ": " + e);
            }
            if (response.statusCode() != 200) {
                throw new BuildFailure("cannot fetch " + locked.resolved() + ": HTTP " + response.statusCode());
            }
            byte[] bytes = response.body();
            if (!locked.matches(bytes)) {
                throw new BuildFailure(locked.resolved() + " does not match the integrity in package-lock.json ("
                        + locked.integrity() + "): refusing to build with it");
            }
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, "download", ".part");
            Files.write(partial, bytes);
            Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return bytes;
        }
    }

    // ---- one package

    @SuppressWarnings("unchecked")
    static VendoredPackage vendor(LockedPackage locked, byte[] tarball, Path into) throws IOException {
        Map<String, byte[]> files = Tar.read(new GZIPInputStream(new ByteArrayInputStream(tarball)));
        byte[] manifestBytes = files.get("package.json");
        if (manifestBytes == null) {
            throw new BuildFailure(locked.name() + ": the tarball has no package.json");
        }
        var manifest = (Map<String, Object>) Json.parse(new String(manifestBytes, StandardCharsets.UTF_8));
        if (!locked.name().equals(manifest.get("name")) || !locked.version().equals(manifest.get("version"))) {
            throw new BuildFailure(locked.name() + "@" + locked.version() + ": the tarball holds "
                    + manifest.get("name") + "@" + manifest.get("version"));
        }
        String entry = moduleEntry(manifest);
        if (entry == null) {
            throw new BuildFailure(locked.name() + ": package.json names no ES module entry (exports import, module)");
        }
        String moduleRoot = entry.replaceFirst("^\\./", "").replaceFirst("[^/]*$", "");
        List<String> wanted = new ArrayList<>();
        wanted.add("package.json");
        files.keySet().stream().filter(f -> f.matches("(?i)licen[cs]e(\\.md|\\.txt)?")).forEach(wanted::add);
        if (wanted.size() == 1) {
            throw new BuildFailure(locked.name() + ": the tarball has no LICENSE file");
        }
        files.keySet().stream().filter(f -> f.startsWith(moduleRoot) && f.endsWith(".js")).forEach(wanted::add);
        long bytes = 0;
        for (String file : wanted) {
            Path target = into.resolve(file).normalize();
            if (!target.startsWith(into)) {
                throw new BuildFailure(locked.name() + ": the tarball's " + file + " points outside the package");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, files.get(file));
            bytes += files.get(file).length;
        }
        return new VendoredPackage(locked, String.valueOf(manifest.get("license")), wanted.size(), bytes);
    }

    /** The file a browser's {@code import} starts at: exports' "import" (or plain) target, else "module". */
    @SuppressWarnings("unchecked")
    static String moduleEntry(Map<String, Object> manifest) {
        Object exports = manifest.get("exports");
        if (exports instanceof Map<?, ?> map && map.containsKey(".")) {
            exports = map.get(".");
        }
        while (exports instanceof Map<?, ?> conditions) {
            exports = Stream.of("browser", "import", "default").map(conditions::get)
                    .filter(c -> c != null).findFirst().orElse(null);
        }
        if (exports instanceof String target) {
            return target;
        }
        return manifest.get("module") instanceof String module ? module : null;
    }

    static String licences(List<VendoredPackage> vendored) {
        var text = new StringBuilder("""
                # Vendored libraries

                Copied at build time from the npm tarballs pinned in `web-client/vendor/package-lock.json` (each checked \
                against its integrity hash). Each folder holds the package's own licence file.

                | package | version | licence | integrity |
                |---|---|---|---|
                """);
        for (VendoredPackage p : vendored) {
            text.append("| `%s` | %s | %s | `%s` |%n".formatted(p.locked().name(), p.locked().version(), p.licence(),
                    p.locked().integrity()));
        }
        return text.toString();
    }

    // ---- the import map

    private static final Pattern IMPORT_MAP =
            Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    /** Static imports and re-exports (`import … from "x"`, `export … from "x"`, `import "x"`) at a line start. */
    private static final Pattern STATIC_IMPORT = Pattern.compile(
            "(?m)^\\s*(?:import|export)\\b(?:[^;'\"]*?\\bfrom)?\\s*[\"']([^\"']+)[\"']");

    @SuppressWarnings("unchecked")
    static Map<String, String> importMap(Path page) throws IOException {
        Matcher m = IMPORT_MAP.matcher(Files.readString(page));
        if (!m.find()) {
            throw new BuildFailure(page + " has no <script type=\"importmap\">");
        }
        return (Map<String, String>) ((Map<String, Object>) Json.parse(m.group(1))).get("imports");
    }

    static void checkImportMap(Map<String, String> imports, Path out) throws IOException {
        List<String> problems = new ArrayList<>();
        imports.forEach((specifier, target) -> {
            if (!target.startsWith(SERVED_AS) || specifier.endsWith("/") != target.endsWith("/")
                    || !Files.exists(out.resolve(target.substring(SERVED_AS.length())))) {
                problems.add("import map: " + specifier + " -> " + target + " is not in the vendored tree");
            }
        });
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".js")).toList()) {
                Matcher m = STATIC_IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String specifier = m.group(1);
                    if (specifier.startsWith(".") || specifier.startsWith("/")) {
                        continue;
                    }
                    String target = resolve(imports, specifier);
                    if (target == null || !target.startsWith(SERVED_AS)
                            || !Files.isRegularFile(out.resolve(target.substring(SERVED_AS.length())))) {
                        problems.add(out.relativize(file) + " imports '" + specifier + "', which the import map "
                                + (target == null ? "does not map" : "maps to the missing " + target));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BuildFailure(String.join("\n[vendor] ", new TreeSet<>(problems)));
        }
    }

    /** Import map resolution: an exact key, else the longest key ending in "/" that prefixes the specifier. */
    static String resolve(Map<String, String> imports, String specifier) {
        if (imports.containsKey(specifier)) {
            return imports.get(specifier);
        }
        return imports.keySet().stream().filter(k -> k.endsWith("/") && specifier.startsWith(k))
                .max(Comparator.comparingInt(String::length))
                .map(k -> imports.get(k) + specifier.substring(k.length())).orElse(null);
    }

    static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        Files.createDirectories(folder);
    }

    // ---- tar (ustar, with the pax and GNU long names npm tarballs may carry)

    static final class Tar {

        /** Regular files by path, the tarball's top folder ("package/") left off; links and folders skipped. */
        static Map<String, byte[]> read(InputStream in) throws IOException {
            Map<String, byte[]> files = new TreeMap<>();
            String longName = null;
            while (true) {
                byte[] header = in.readNBytes(512);
                if (header.length < 512 || isZero(header)) {
                    return files;
                }
                String octalSize = field(header, 124, 12).strip();
                long size = octalSize.isEmpty() ? 0 : Long.parseLong(octalSize, 8);
                byte[] data = in.readNBytes(Math.toIntExact(size));
                in.skipNBytes((512 - size % 512) % 512);
                char type = (char) header[156];
                String name = field(header, 0, 100);
                if (field(header, 257, 5).equals("ustar") && !field(header, 345, 155).isEmpty()) {
                    name = field(header, 345, 155) + "/" + name;
                }
                switch (type) {
                    case 'x' -> longName = paxPath(data);
                    case 'L' -> longName = new String(data, StandardCharsets.UTF_8).replaceFirst("\0.*$", "");
                    case '0', '\0' -> {
                        String path = longName != null ? longName : name;
                        longName = null;
                        files.put(path.substring(path.indexOf('/') + 1), data);
                    }
                    default -> longName = null;
                }
            }
        }

        private static String field(byte[] header, int offset, int length) {
            int end = offset;
            while (end < offset + length && header[end] != 0) {
                end++;
            }
            return new String(header, offset, end - offset, StandardCharsets.UTF_8);
        }

        private static String paxPath(byte[] data) {
            for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
                int equals = record.indexOf('=');
                if (equals > 0 && record.substring(record.indexOf(' ') + 1, equals).equals("path")) {
                    return record.substring(equals + 1);
                }
            }
            return null;
        }

        private static boolean isZero(byte[] block) {
            for (byte b : block) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---- JSON (just enough for package.json and package-lock.json)

    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            var json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.at != text.length()) {
                throw json.error("trailing characters");
            }
            return value;
        }

        private Object value() {
            space();
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object() {
            Map<String, Object> object = new LinkedHashMap<>();
            at++;
            space();
            if (text.charAt(at) == '}') {
                at++;
                return object;
            }
            do {
                space();
                String key = string();
                space();
                expect(':');
                object.put(key, value());
                space();
            } while (text.charAt(at++) == ',');
            if (text.charAt(at - 1) != '}') {
                throw error("expected , or }");
            }
            return object;
        }

        private List<Object> array() {
            List<Object> array = new ArrayList<>();
            at++;
            space();
            if (text.charAt(at) == ']') {
                at++;
                return array;
            }
            do {
                array.add(value());
                space();
            } while (text.charAt(at++) == ',');
            if (text.charAt(at - 1) != ']') {
                throw error("expected , or ]");
            }
            return array;
        }

        private String string() {
            expect('"');
            var s = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return s.toString();
                }
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> s.append('\n');
                    case 't' -> s.append('\t');
                    case 'r' -> s.append('\r');
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'u' -> {
                        s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> s.append(e);
                }
            }
        }

        private Number number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw error("unexpected character");
            }
            String n = text.substring(start, at);
            return n.matches("-?\\d+") ? (Number) Long.parseLong(n) : (Number) Double.parseDouble(n);
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw error("unexpected character");
            }
            at += word.length();
            return value;
        }

        private void expect(char c) {
            if (at >= text.length() || text.charAt(at) != c) {
                throw error("expected " + c);
            }
            at++;
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private BuildFailure error(String what) {
            return new BuildFailure("malformed JSON at character " + at + ": " + what);
        }
    }
}
