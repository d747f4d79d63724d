package io.jsonmig.bench.placeholder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.jsonmig.bench.placeholder.PlaceholderRecord.Address;
import io.jsonmig.bench.placeholder.PlaceholderRecord.Company;
import io.jsonmig.bench.placeholder.PlaceholderRecord.Geo;
import io.jsonmig.bench.placeholder.PlaceholderRecord.Jsonb;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The records of each collection, deterministic for a seed and a scale: ids 1..n, every reference
 * (post → user, comment → post, album → user, photo → album, todo → user) to an existing parent.
 * Texts are lorem-ipsum-like like JSONPlaceholder's, mixed with non-ASCII words (accents, Greek,
 * Cyrillic, CJK, emoji) and characters JSON and CSV must escape (quotes, backslashes, newlines, commas).
 */
public final class PlaceholderRecords {

    private static final JsonFactory JSON = new JsonFactory();

    private static final String[] WORDS = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipisci",
            "velit", "quia", "non", "numquam", "eius", "modi", "tempora", "incidunt", "ut", "labore", "et", "dolore",
            "magnam", "aliquam", "quaerat", "voluptatem", "enim", "ad", "minima", "veniam", "quis", "nostrum",
            "exercitationem", "ullam", "corporis", "suscipit", "laboriosam", "nisi", "aliquid", "ex", "ea", "commodi",
            "consequatur", "autem", "vel", "eum", "iure", "reprehenderit", "qui", "in", "voluptate", "esse", "quam",
            "nihil", "molestiae", "illum", "fugiat", "nulla", "pariatur", "café", "naïve", "Straße", "Ελληνικά",
            "кириллица", "日本語", "中文", "한국어", "😀", "👍🏽", "\"quoted\"", "back\\slash", "a,b", "O'Neil"};
    private static final String[] FIRST = {"Leanne", "Ervin", "Clementine", "Patricia", "Chelsey", "Dennis", "Kurtis",
            "Nicholas", "Glenna", "Clementina", "Zoë", "Jürgen", "Søren", "François", "Łukasz", "Émilie", "Ana", "Mei",
            "Chidi", "Aiko"};
    private static final String[] LAST = {"Graham", "Howell", "Bauch", "Lebsack", "Dietrich", "Schulist", "Weissnat",
            "Runolfsdottir", "Reichert", "DuBuque", "Müller", "Øvergård", "García", "Nakamura", "Okafor", "O'Brien",
            "Kowalski", "Ivanova", "Haddad", "Lindqvist"};
    private static final String[] FIRST_ASCII = ascii(FIRST);
    private static final String[] LAST_ASCII = ascii(LAST);
    private static final String[] STREETS = {"Kulas Light", "Victor Plains", "Douglas Extension", "Hoeger Mall",
            "Skiles Walks", "Norberto Crossing", "Rex Trail", "Ellsworth Summit", "Dayna Park", "Kattie Turnpike",
            "Rue de l'Église", "Hauptstraße", "Calle Mayor"};
    private static final String[] CITIES = {"Gwenborough", "Wisokyburgh", "McKenziehaven", "South Elvis", "Roscoeview",
            "South Christy", "Howemouth", "Aliyaview", "Bartholomebury", "Lebsackbury", "São Paulo", "Kraków", "Zürich",
            "Reykjavík", "Tōkyō"};
    private static final String[] DOMAINS = {"april.biz", "melissa.tv", "yesenia.net", "kory.org", "annie.ca",
            "jasper.info", "billy.biz", "rosamond.me", "dana.io", "kassandra.biz"};
    private static final String[] COMPANIES = {"Romaguera-Crona", "Deckow-Crist", "Romaguera-Jacobson",
            "Robel-Corkery", "Keebler LLC", "Considine-Lockman", "Johns Group", "Abernathy Group", "Yost and Sons",
            "Hoeger LLC", "Müller & Söhne GmbH"};
    private static final String[] CATCH = {"Multi-layered client-server neural-net", "Proactive didactic contingency",
            "Face to face bifurcated interface", "Multi-tiered zero tolerance productivity",
            "User-centric fault-tolerant solution", "Synchronised bottom-line interface",
            "Configurable multimedia task-force", "Implemented secondary concept", "Switchable contextually-based \"project\""};
    private static final String[] BS = {"harness real-time e-markets", "synergize scalable supply-chains",
            "e-enable strategic applications", "transition cutting-edge web services", "revolutionize end-to-end systems",
            "e-enable innovative applications", "generate enterprise e-tailers", "e-enable extensible e-tailers"};

    private PlaceholderRecords() {
    }

    /** The collection's records in id order; each collection has its own random sequence from the seed. */
    public static Stream<PlaceholderRecord> of(PlaceholderCollection collection, PlaceholderScale scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 31 + collection.ordinal());
        long n = scale.count(collection);
        return LongStream.rangeClosed(1, n).mapToObj(id -> switch (collection) {
            case USERS -> user(id, random);
            case POSTS -> new PlaceholderRecord.Post(parent(PlaceholderCollection.USERS, scale, random), id,
                    words(random, 4, 9), lines(random, 4));
            case COMMENTS -> comment(id, parent(PlaceholderCollection.POSTS, scale, random), random);
            case ALBUMS -> new PlaceholderRecord.Album(parent(PlaceholderCollection.USERS, scale, random), id,
                    words(random, 2, 7));
            case PHOTOS -> photo(id, parent(PlaceholderCollection.ALBUMS, scale, random), random);
            case TODOS -> new PlaceholderRecord.Todo(parent(PlaceholderCollection.USERS, scale, random), id,
                    words(random, 3, 8), random.nextInt(100) < 45);
        });
    }

    private static PlaceholderRecord user(long id, SplittableRandom r) {
        int first = r.nextInt(FIRST.length);
        int last = r.nextInt(LAST.length);
        Address address = new Address(pick(STREETS, r), (r.nextBoolean() ? "Apt. " : "Suite ") + r.nextInt(1, 1000),
                pick(CITIES, r), zipcode(r), new Geo(BigDecimal.valueOf(r.nextLong(-900_000, 900_001), 4),
                BigDecimal.valueOf(r.nextLong(-1_800_000, 1_800_001), 4)));
        Company company = new Company(pick(COMPANIES, r), pick(CATCH, r), pick(BS, r));
        String website = r.nextInt(8) == 0 ? null : FIRST_ASCII[first] + LAST_ASCII[last] + "." + pick(DOMAINS, r);
        return new PlaceholderRecord.User(id, FIRST[first] + " " + LAST[last],
                FIRST[first] + "." + LAST_ASCII[last] + id, FIRST_ASCII[first] + "@" + pick(DOMAINS, r),
                address, phone(r), website, company, new Jsonb(json(company)));
    }

    private static PlaceholderRecord comment(long id, long postId, SplittableRandom r) {
        int first = r.nextInt(FIRST.length);
        int last = r.nextInt(LAST.length);
        return new PlaceholderRecord.Comment(postId, id, words(r, 3, 7),
                FIRST_ASCII[first] + "_" + LAST_ASCII[last] + "@" + pick(DOMAINS, r), lines(r, 4));
    }

    private static PlaceholderRecord photo(long id, long albumId, SplittableRandom r) {
        String colour = String.format(Locale.ROOT, "%06x", r.nextInt(1 << 24));
        return new PlaceholderRecord.Photo(albumId, id, words(r, 3, 8), "https://via.placeholder.com/600/" + colour,
                "https://via.placeholder.com/150/" + colour);
    }

    private static long parent(PlaceholderCollection parent, PlaceholderScale scale, SplittableRandom r) {
        return r.nextLong(1, scale.count(parent) + 1);
    }

    private static String words(SplittableRandom r, int min, int max) {
        StringBuilder text = new StringBuilder(64);
        for (int i = r.nextInt(min, max + 1); i > 0; i--) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(pick(WORDS, r));
        }
        return text.toString();
    }

    /** JSONPlaceholder's bodies: lines of words separated by newlines. */
    private static String lines(SplittableRandom r, int count) {
        StringBuilder text = new StringBuilder(200);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append('\n');
            }
            text.append(words(r, 5, 10));
        }
        return text.toString();
    }

    private static String zipcode(SplittableRandom r) {
        String zip = String.format(Locale.ROOT, "%05d", r.nextInt(100_000));
        return r.nextBoolean() ? zip : zip + "-" + String.format(Locale.ROOT, "%04d", r.nextInt(10_000));
    }

    private static String phone(SplittableRandom r) {
        return String.format(Locale.ROOT, "1-%03d-%03d-%04d x%d", r.nextInt(200, 1000), r.nextInt(1000), r.nextInt(10_000),
                r.nextInt(1, 100_000));
    }

    private static String pick(String[] values, SplittableRandom r) {
        return values[r.nextInt(values.length)];
    }

    private static String json(Company company) {
        StringWriter text = new StringWriter(160);
        try (JsonGenerator gen = JSON.createGenerator(text)) {
            company.writeJson(gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Address-safe forms of the names: accents dropped, other letters left out. */
    private static String[] ascii(String[] names) {
        return Arrays.stream(names)
                .map(n -> Normalizer.normalize(n, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase())
                .toArray(String[]::new);
    }
}
