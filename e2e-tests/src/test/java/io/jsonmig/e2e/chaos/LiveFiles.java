package io.jsonmig.e2e.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The SHA-256 and size of every file of the live source directory: the JSON files the application uses. */
record LiveFiles(Map<String, String> files) {

    static LiveFiles capture(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.size(file) + " bytes, sha256 " + sha256(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return new LiveFiles(files);
    }

    List<String> differencesFrom(LiveFiles before) {
        List<String> differences = new ArrayList<>();
        before.files.forEach((path, was) -> {
            String now = files.get(path);
            if (now == null) {
                differences.add(path + ": gone");
            } else if (!now.equals(was)) {
                differences.add(path + ": " + now + ", before the run " + was);
            }
        });
        files.keySet().stream().filter(p -> !before.files.containsKey(p)).forEach(p -> differences.add(p + ": new"));
        return differences;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
