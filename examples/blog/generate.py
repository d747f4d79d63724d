#!/usr/bin/env python3
"""Regenerate examples/blog/data/db.json, the sample blog dataset.

The output is deterministic: a fixed seed, fixed reference dates and no
dependence on the clock, locale or hash ordering, so rerunning this script
reproduces db.json byte for byte.

    python3 examples/blog/generate.py            # writes data/db.json next to this script
    python3 examples/blog/generate.py -o out.json

Only the Python standard library is used.
"""

import argparse
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 20240305
USERS = 40
POSTS = 120
COMMENTS = 300

FIRST_NAMES = [
    "Leanne", "Ervin", "Clementine", "Patricia", "Chelsey", "Dennis", "Kurtis",
    "Nicholas", "Glenna", "Clementina", "Marcus", "Priya", "Hannah", "Oliver",
    "Sofia", "Liam", "Amara", "Noah", "Isabel", "Ethan", "Mei", "Lucas", "Fatima",
    "Jonas", "Elena", "Samuel", "Aisha", "Henrik", "Grace", "Mateo", "Chloe",
    "Ravi", "Nora", "Felix", "Yara", "Tobias", "Ingrid", "Diego", "Leila", "Owen",
]
LAST_NAMES = [
    "Graham", "Howell", "Bauch", "Lebsack", "Dietrich", "Schulist", "Weissnat",
    "Runolfsdottir", "Reichert", "DuBuque", "Okafor", "Sharma", "Lindqvist",
    "Brennan", "Moretti", "Fischer", "Nakamura", "Haddad", "Kowalski", "Petrov",
    "Andersen", "Costa", "Murphy", "Novak", "Singh", "Tanaka", "Weber", "Silva",
    "Hughes", "Jansen", "Rossi", "Kim", "Dubois", "Larsen", "Mendes", "Walsh",
]
STREET_SUFFIXES = ["Street", "Avenue", "Road", "Lane", "Way", "Court", "Place",
                   "Terrace", "Boulevard", "Drive", "Crossing", "Parkway"]
STREET_NAMES = [
    "Kulas", "Victor", "Douglas", "Hoeger", "Skiles", "Norberto", "Rex",
    "Ellsworth", "Dayna", "Kattie", "Maple", "Cedar", "Harbor", "Willow",
    "Station", "Orchard", "Mill", "Church", "Lakeview", "Sunset", "Juniper",
]
# (city, lat, lng) near real coordinates; a jitter is added per user.
CITIES = [
    ("Gwenborough", 40.7128, -74.0060), ("Wisokyburgh", 42.3601, -71.0589),
    ("McKenziehaven", 37.7749, -122.4194), ("South Elvis", 29.7604, -95.3698),
    ("Roscoeview", 47.6062, -122.3321), ("South Christy", 51.5074, -0.1278),
    ("Howemouth", 52.5200, 13.4050), ("Aliyaview", 48.8566, 2.3522),
    ("Bartholomebury", -33.8688, 151.2093), ("Lebsackbury", 35.6762, 139.6503),
    ("Port Maggie", -23.5505, -46.6333), ("Lake Ottilie", 19.0760, 72.8777),
    ("Gerholdtown", 59.3293, 18.0686), ("North Kenyon", -1.2921, 36.8219),
    ("Quito Norte", -0.1807, -78.4678), ("Reykjahlid", 64.1466, -21.9426),
]
TLDS = ["com", "org", "net", "info", "io", "dev", "biz"]
COMPANY_WORDS = ["Romaguera", "Deckow", "Keebler", "Robel", "Considine",
                 "Yost", "Johns", "Abernathy", "Hoeger", "Crist", "Lockman",
                 "Kassulke", "Bednar", "Heller", "Monahan", "Orn"]
COMPANY_SUFFIXES = ["LLC", "Group", "Inc", "and Sons", "Ltd", "GmbH", "Labs", "Co."]
CATCH_A = ["Multi-layered", "Proactive", "Face to face", "Synchronised",
           "Implemented", "Switchable", "Centralized", "Cross-platform",
           "User-centric", "Open-source", "Re-engineered", "Fully-configurable"]
CATCH_B = ["client-server", "didactic", "bifurcated", "real-time", "zero tolerance",
           "contextually-based", "tertiary", "modular", "scalable", "24/7"]
CATCH_C = ["neural-net", "toolset", "algorithm", "hierarchy", "access",
           "framework", "superstructure", "productivity", "interface", "monitoring"]
BS_A = ["harness", "synergize", "e-enable", "transition", "generate",
        "revolutionize", "aggregate", "streamline", "orchestrate", "incubate"]
BS_B = ["real-time", "scalable", "end-to-end", "B2B", "cutting-edge",
        "sticky", "efficient", "dynamic", "wireless", "robust"]
BS_C = ["e-markets", "supply-chains", "paradigms", "web services",
        "communities", "channels", "infrastructures", "action-items", "mindshare"]
# Offsets a user's createdAt may carry, including half-hour and UTC written as +00:00.
OFFSETS_MIN = [60, 120, 0, -300, -240, -420, 330, 540, 600, -180, 60, 120, 0]

TAGS = ["postgresql", "json", "migration", "kafka", "java", "spring-boot",
        "devops", "testing", "performance", "databases", "backend", "tutorial",
        "how-to", "architecture", "observability", "security", "release-notes",
        "open-source", "career", "productivity"]
TOPICS = ["schema migrations", "JSON documents", "connection pooling",
          "event-driven services", "backup strategies", "integration tests",
          "query plans", "foreign keys", "rollbacks", "zero-downtime deploys",
          "timestamps and time zones", "Kafka consumers", "flat files",
          "data verification", "indexes", "idempotent writes", "feature flags",
          "on-call rotations", "code review", "local development"]
TITLE_TEMPLATES = [
    "A practical guide to {t}", "What I learned about {t} this year",
    "Five mistakes we made with {t}", "Why {t} matter more than you think",
    "{T}: a checklist", "Notes on {t} in production", "Getting started with {t}",
    "How we test {t}", "The hidden cost of {t}", "Revisiting {t}",
    "{T} without the drama", "A short history of {t} at our team",
]
SENTENCES = [
    "We started with a single JSON file and it served us well for years.",
    "The trouble began when two processes wrote to it at the same time.",
    "Moving to a relational database forced us to write down the schema we already had.",
    "Every record needs a stable identifier before anything else can happen.",
    "Nested objects either become columns or a single jsonb value; both have trade-offs.",
    "We copied the files first, so the original data was never touched.",
    "Counting rows on both sides is the cheapest verification there is.",
    "Time zones were the part that surprised us most.",
    "An offset in the timestamp is information; do not throw it away.",
    "Arrays of tags map naturally onto a text[] column.",
    "Foreign keys caught three orphaned records on the first dry run.",
    "The rollback plan was rehearsed before the real cutover, not after.",
    "Small batches kept the transaction log manageable.",
    "Metrics told us when the consumer lagged behind the producer.",
    "Nobody enjoys writing migration scripts, but everyone enjoys running them twice.",
    "Read the error message slowly; it usually says exactly what is wrong.",
    "We kept the old code path behind a flag for one more release.",
    "Indexes on foreign keys made the verification queries fast enough.",
    "Documentation lived next to the code, so it stayed up to date.",
    "In the end the migration took eleven minutes and nobody noticed.",
    "Measure before you optimise, and measure again afterwards.",
    "Idempotent steps meant we could simply retry after a failure.",
]
COMMENT_ASCII = [
    "Great write-up, thanks for sharing!",
    "We hit exactly the same problem last spring.",
    "Did you consider keeping the nested object as jsonb instead?",
    "How long did the full migration take for you?",
    "This saved me an afternoon of debugging.",
    "Could you share the schema you ended up with?",
    "I'd love a follow-up post on the rollback procedure.",
    "The part about time zones is spot on.",
    "Bookmarked. Sending this to the rest of the team.",
    "One small nit: the second code sample has a typo.",
    "We use a similar approach, but verify with checksums as well.",
    "Counting rows is a good start; we also compare a few sample records.",
    "Interesting, I had never thought about the \"offset as information\" angle.",
    "Would this work with files larger than a few gigabytes?",
]
COMMENT_UNICODE = [
    "Très bon article, merci ! Ça m'a beaucoup aidé.",
    "¡Excelente explicación! Justo lo que necesitaba.",
    "Sehr hilfreich – danke für die ausführliche Erklärung.",
    "Ótimo texto, parabéns pela clareza. 👏",
    "This is gold 🚀🔥 thanks!",
    "Finally someone explains time zones properly 🙌",
    "とても参考になりました。ありがとうございます！",
    "非常有用的文章，谢谢分享。",
    "좋은 글 감사합니다. 많은 도움이 되었어요.",
    "Świetny artykuł, dzięki! Zażółć gęślą jaźń.",
    "Отличная статья, спасибо! 😊",
    "Naïve question: does the café-style \"eventual consistency\" apply here? ☕",
    "Danke! Größe der Datei war bei uns ~2 GB — kein Problem.",
    "Merci 🙏 — j'ai partagé avec l'équipe. 日本のチームにも共有しました。",
]
COMMENTER_NAMES = [
    "Alice Martin", "Bob Nguyen", "Carla Jones", "Dev Patel", "Erin O'Brien",
    "Frank Miller", "Gemma Clarke", "Hiro Sato", "Ivan Horvat", "Julia Becker",
    "Kofi Mensah", "Laura Smith", "Max Turner", "Nadia Rahman", "Omar Farouk",
    "José Álvarez", "Zoë Lefèvre", "Łukasz Wiśniewski", "Søren Kierkegaard",
    "田中 さくら", "王 伟", "김 민준", "Renée Côté", "Björn Ångström",
    "Anaïs Dubois", "Müller Jürgen", "Chloé Besson", "İpek Yılmaz",
]

USERS_START = datetime(2023, 1, 9, 8, 0, 0, tzinfo=timezone.utc)
USERS_SPAN_DAYS = 420
POSTS_END = datetime(2025, 6, 30, 18, 0, 0, tzinfo=timezone.utc)


def iso_offset(dt_utc, offset_minutes):
    """ISO-8601 with a numeric offset, e.g. 2024-03-05T10:15:30+01:00."""
    local = dt_utc.astimezone(timezone(timedelta(minutes=offset_minutes)))
    return local.isoformat(timespec="seconds")


def iso_z(dt_utc):
    """ISO-8601 in UTC with a trailing Z, e.g. 2024-03-05T09:15:30Z."""
    return dt_utc.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def random_between(rng, start, end):
    seconds = int((end - start).total_seconds())
    return start + timedelta(seconds=rng.randint(0, seconds))


def slug(text):
    return "".join(ch for ch in text.lower() if ch.isalnum())


def phone(rng):
    n = "".join(str(rng.randint(0, 9)) for _ in range(10))
    style = rng.randrange(4)
    if style == 0:
        return f"1-{n[0:3]}-{n[3:6]}-{n[6:]} x{rng.randint(100, 99999)}"
    if style == 1:
        return f"({n[0:3]}) {n[3:6]}-{n[6:]}"
    if style == 2:
        return f"{n[0:3]}.{n[3:6]}.{n[6:]}"
    return f"+44 {n[0:4]} {n[4:]}"


def zipcode(rng):
    if rng.random() < 0.5:
        return f"{rng.randint(0, 99999):05d}-{rng.randint(0, 9999):04d}"
    return f"{rng.randint(0, 99999):05d}"


def make_users(rng):
    users = []
    usernames = set()
    for uid in range(1, USERS + 1):
        first = FIRST_NAMES[(uid - 1) % len(FIRST_NAMES)]
        last = rng.choice(LAST_NAMES)
        name = f"{first} {last}"
        username = f"{first}.{last}"[:18] if rng.random() < 0.5 else f"{first[0]}{last}"
        while username in usernames:
            username += str(rng.randint(0, 9))
        usernames.add(username)
        domain = f"{slug(rng.choice(LAST_NAMES))}.{rng.choice(TLDS)}"
        city, lat, lng = rng.choice(CITIES)
        created = random_between(rng, USERS_START, USERS_START + timedelta(days=USERS_SPAN_DAYS))
        users.append({
            "id": uid,
            "name": name,
            "username": username,
            "email": f"{slug(first)}.{slug(last)}@{domain}",
            "phone": phone(rng),
            # A few users have no website, as in real profile data.
            "website": None if uid % 13 == 0 else f"{slug(first)}{slug(last)}.{rng.choice(TLDS)}",
            "address": {
                "street": f"{rng.choice(STREET_NAMES)} {rng.choice(STREET_SUFFIXES)}",
                "suite": f"{rng.choice(['Apt.', 'Suite'])} {rng.randint(1, 999)}",
                "city": city,
                "zipcode": zipcode(rng),
                "geo": {
                    # JSON numbers with 4 decimals, well inside numeric(9,6).
                    "lat": round(lat + rng.uniform(-0.25, 0.25), 4),
                    "lng": round(lng + rng.uniform(-0.25, 0.25), 4),
                },
            },
            "company": {
                "name": f"{rng.choice(COMPANY_WORDS)}-{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_SUFFIXES)}",
                "catchPhrase": f"{rng.choice(CATCH_A)} {rng.choice(CATCH_B)} {rng.choice(CATCH_C)}",
                "bs": f"{rng.choice(BS_A)} {rng.choice(BS_B)} {rng.choice(BS_C)}",
            },
            "createdAt": iso_offset(created, OFFSETS_MIN[uid % len(OFFSETS_MIN)]),
            "active": rng.random() < 0.85,
        })
        users[-1]["_created_utc"] = created
    return users


def make_posts(rng, users):
    posts = []
    for pid in range(1, POSTS + 1):
        author = rng.choice(users)
        topic = rng.choice(TOPICS)
        title = rng.choice(TITLE_TEMPLATES).format(t=topic, T=topic[0].upper() + topic[1:])
        paragraphs = []
        for _ in range(rng.randint(1, 3)):
            paragraphs.append(" ".join(rng.sample(SENTENCES, rng.randint(2, 4))))
        published = random_between(rng, author["_created_utc"] + timedelta(hours=1), POSTS_END)
        posts.append({
            "id": pid,
            "userId": author["id"],
            "title": title,
            "body": "\n".join(paragraphs),
            "tags": rng.sample(TAGS, rng.randint(0, 4)),
            "publishedAt": iso_z(published),
            "views": int(rng.paretovariate(1.2) * 120) if rng.random() < 0.95 else 0,
        })
        posts[-1]["_published_utc"] = published
    return posts


def make_comments(rng, posts):
    comments = []
    # Weighted towards some popular posts; some posts get no comments at all.
    weights = [rng.random() ** 2 for _ in posts]
    for cid in range(1, COMMENTS + 1):
        post = rng.choices(posts, weights=weights)[0]
        name = rng.choice(COMMENTER_NAMES)
        local = slug(name.split()[0]) or f"reader{cid}"
        if rng.random() < 0.3:
            body = rng.choice(COMMENT_UNICODE)
        else:
            body = rng.choice(COMMENT_ASCII)
        if rng.random() < 0.25:
            body += "\n" + rng.choice(COMMENT_ASCII)
        created = post["_published_utc"] + timedelta(seconds=int(rng.expovariate(1 / 86400.0)) + 60)
        comments.append({
            "id": cid,
            "postId": post["id"],
            "name": name,
            "email": f"{local}{rng.randint(1, 99)}@{rng.choice(['example.com', 'mail.test', 'inbox.example.org'])}",
            "body": body,
            "createdAt": iso_z(created),
        })
    return comments


def build():
    rng = random.Random(SEED)
    users = make_users(rng)
    posts = make_posts(rng, users)
    comments = make_comments(rng, posts)
    for record in users + posts:
        record.pop("_created_utc", None)
        record.pop("_published_utc", None)
    return {"users": users, "posts": posts, "comments": comments}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default=str(Path(__file__).resolve().parent / "data" / "db.json"))
    args = parser.parse_args()
    data = build()
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    Path(args.output).write_text(text, encoding="utf-8", newline="\n")
    counts = ", ".join(f"{k}={len(v)}" for k, v in data.items())
    print(f"wrote {args.output} ({len(text.encode('utf-8'))} bytes): {counts}")


if __name__ == "__main__":
    main()
