#!/usr/bin/env python3
"""Deterministic benchmark corpora from the bundled notes (content/*.md).

    python3 bench/build/gen.py --pages 1000 --out /dev/shm/studysite-bench/corpus-1000

writes one site per tool, all with the same Markdown bodies:

    OUT/studysite/   studysite.toml + content/sNNN/_index.md + content/sNNN/KKKKK-<source>.md
    OUT/hugo/        hugo.toml + the same content/ + a minimal layouts/ (no theme) whose sidebar
                     lists the sections and the pages of the current section
    OUT/hugo-fullnav/  the same with studysite's sidebar: every page of every section (only if
                     asked for with --tools)
    OUT/mdbook/      book.toml + src/SUMMARY.md + src/sNNN/README.md + src/sNNN/KKKKK-<source>.md

Page k is source page k mod 29 (in reading order) with about a quarter of its prose words
replaced by words drawn from the notes' own vocabulary (seeded by k), a unique title, question
ids suffixed with k, and every fenced code block changed (identifiers renamed with a suffix
unique to the block), so no two pages share a code block or a question id. Links between notes
point to the copy of the target note in the same run of 29 pages (or the first run), written as
relative .md paths for studysite and mdBook and as relative pretty URLs for Hugo.

--shape dense: page k also gets, under a "## Practice: <title>" heading each, the questions
(heading + id comment, up to the next heading) and every fenced code block of notes k+1 and k+2
(mod 29), varied the same way with ids suffixed with k: about three times the questions and code
blocks per page of the default shape, the same prose.

--shape vault: page k also gets a "## Working notes" section written as Obsidian notes are: a
`> [!tip]` callout with a formula ($…$) and a wikilink to another note, a line with inline raw
HTML (`<kbd>`), and a raw `<details>` block with Markdown and a wikilink inside. studysite gets
the wikilinks as `[[file-stem|text]]`; Hugo and mdBook get the same links as relative Markdown
links, and Hugo renders the raw HTML (`markup.goldmark.renderer.unsafe`).

Only the Python 3.11 standard library is used. The output is identical for the same inputs;
OUT/<tool>/.stamp records a hash of this script, the notes and the options, and a second call
finds that tool's site up to date and leaves it alone (use --force to rewrite).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

SEED = 9  # fixed: issue 9
REPLACE_SHARE = 0.25  # share of eligible prose words replaced per page
CODE_RENAME_SHARE = 0.3  # share of distinct identifiers renamed per code block

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "content"

# Prose words eligible for replacement: lower-case or Capitalised, four letters or more. All-caps
# and CamelCase words (AWS, DynamoDB) are left alone: they are names, not prose.
WORD = re.compile(r"\b[A-Za-z][a-z]{3,}\b")
# Parts of a prose line that must not change: inline code, HTML comments and tags, links (the
# target; the text stays too), heading ids, alert markers, bare URLs.
PROTECTED = re.compile(
    r"`+[^`]*`+"
    r"|<!--.*?-->"
    r"|<[^>\n]+>"
    r"|\[[^\]\n]*\]\([^)\s]*\)"
    r"|\{#[^}]*\}"
    r"|\[![A-Z]+\]"
    r"|https?://\S+"
)
LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)\)")
WIKI = re.compile(r"\[\[([a-z0-9-]+)\|([^\]\n]*)\]\]")
QUESTION_META = re.compile(r"^(\s*<!--\s*id:\s*)([A-Za-z0-9_-]+)(.*)$")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
CODE_KEYWORDS = {
    "and", "are", "aws", "def", "del", "echo", "else", "false", "for", "from", "import", "not",
    "null", "return", "select", "the", "true", "where", "while", "with", "none", "class", "http",
    "https",
}  # fmt: skip


@dataclass
class Source:
    name: str  # file stem, e.g. "lambda"
    title: str
    description: str
    topics: list[str]
    body: str  # Markdown after the front matter


@dataclass
class Page:
    k: int
    source: Source
    section: int
    stem: str  # file stem, e.g. "00042-lambda"
    title: str
    description: str
    body: str  # Markdown with link placeholders


def read_sources() -> list[Source]:
    items = []
    for path in sorted(SOURCES.glob("*.md")):
        if path.name == "_index.md":
            continue
        text = path.read_text(encoding="utf-8")
        if not text.startswith("+++\n"):
            sys.exit(f"{path}: expected TOML front matter between +++ lines")
        end = text.index("\n+++\n", 4)
        front = tomllib.loads(text[4:end])
        body = text[end + 5 :]
        items.append(
            (
                front.get("weight", 1 << 30),
                path.stem,
                Source(
                    name=path.stem,
                    title=front.get("title", path.stem),
                    description=front.get("description", ""),
                    topics=list(front.get("topics", [])),
                    body=body,
                ),
            )
        )
    items.sort(key=lambda t: (t[0], t[1]))
    return [s for _, _, s in items]


def prose_segments(line: str):
    """Yields (text, varies) pieces of a prose line; protected pieces do not vary."""
    pos = 0
    for m in PROTECTED.finditer(line):
        if m.start() > pos:
            yield line[pos : m.start()], True
        yield m.group(0), False
        pos = m.end()
    if pos < len(line):
        yield line[pos:], True


def build_vocabulary(sources: list[Source]) -> list[str]:
    words = set()
    for s in sources:
        in_code = False
        for line in s.body.splitlines():
            if FENCE.match(line):
                in_code = not in_code
                continue
            if in_code:
                continue
            for text, varies in prose_segments(line):
                if varies:
                    words.update(w.lower() for w in WORD.findall(text))
    return sorted(words)


def vary_words(text: str, rng: random.Random, vocab: list[str]) -> str:
    def repl(m: re.Match) -> str:
        if rng.random() >= REPLACE_SHARE:
            return m.group(0)
        w = rng.choice(vocab)
        return w.capitalize() if m.group(0)[0].isupper() else w

    return WORD.sub(repl, text)


class CodeVarier:
    """Renames identifiers in code blocks; every block of the corpus gets its own suffix."""

    def __init__(self) -> None:
        self.serial = 0
        self.seen: dict[str, int] = {}

    def vary(self, lines: list[str], rng: random.Random, page: int) -> list[str]:
        self.serial += 1
        suffix = f"_{self.serial}"
        text = "\n".join(lines)
        names = sorted({m.group(0) for m in IDENT.finditer(text) if len(m.group(0)) >= 3})
        names = [n for n in names if n.lower() not in CODE_KEYWORDS]
        chosen = {n for n in names if rng.random() < CODE_RENAME_SHARE}
        if not chosen and names:
            chosen = {rng.choice(names)}
        if chosen:
            text = IDENT.sub(lambda m: m.group(0) + suffix if m.group(0) in chosen else m.group(0), text)
        else:
            text = f"{text}\n{suffix}"
        if text in self.seen:
            sys.exit(f"internal error: page {page} repeats a code block of page {self.seen[text]}")
        self.seen[text] = page
        return text.split("\n")


def transform_body(src: Source, k: int, vocab: list[str], code: CodeVarier) -> str:
    rng = random.Random(f"{SEED}:{k}")
    out: list[str] = []
    lines = src.body.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if fence:
            marker = fence.group(2)
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(marker):
                j += 1
            out.append(line)
            out.extend(code.vary(lines[i + 1 : j], rng, k))
            if j < len(lines):
                out.append(lines[j])
            i = j + 1
            continue
        meta = QUESTION_META.match(line)
        if meta:
            out.append(f"{meta.group(1)}{meta.group(2)}-{k}{meta.group(3)}")
        else:
            out.append("".join(vary_words(t, rng, vocab) if v else t for t, v in prose_segments(line)))
        i += 1
    return "\n".join(out) + "\n"


HEADING = re.compile(r"^#{1,6}\s")


def practice_extract(body: str) -> str:
    """The questions (a heading whose next line is an id comment, up to the next heading) and
    every fenced code block of a note, in order; questions under level-3 headings."""
    lines = body.splitlines()
    out: list[str] = []
    in_q = False
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if fence:
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(fence.group(2)):
                j += 1
            block = lines[i : j + 1]
            out.extend(block if in_q else ["", *(l[len(fence.group(1)):] for l in block), ""])
            i = j + 1
            continue
        if HEADING.match(line):
            nxt = next((l for l in lines[i + 1 :] if l.strip()), "")
            in_q = bool(QUESTION_META.match(nxt))
            if in_q:
                line = "### " + line.lstrip("#").strip()
        if in_q:
            out.append(line)
        i += 1
    return "\n".join(out) + "\n"


def plan(n: int, per_section: int, sources: list[Source], vocab: list[str], shape: str = "notes") -> list[Page]:
    code = CodeVarier()
    pages = []
    extracts = [practice_extract(s.body) for s in sources]
    for k in range(n):
        src = sources[k % len(sources)]
        body = transform_body(src, k, vocab, code)
        if shape == "dense":
            # The questions and code blocks of the next two notes too (their ids suffixed with k,
            # so still unique; every code block changed as usual).
            for d in (1, 2):
                other = sources[(k + d) % len(sources)]
                extra = Source(other.name, other.title, "", [], extracts[(k + d) % len(sources)])
                body += f"\n## Practice: {other.title}\n\n" + transform_body(extra, k, vocab, code)
        if shape == "vault":
            body += vault_notes(src, k, sources, vocab)
        rng = random.Random(f"{SEED}:title:{k}")
        pages.append(
            Page(
                k=k,
                source=src,
                section=k // per_section,
                stem=f"{k:05d}-{src.name}",
                title=f"{src.title} {k + 1}",
                description=vary_words(src.description, rng, vocab),
                body=body,
            )
        )
    return pages


def vault_notes(src: Source, k: int, sources: list[Source], vocab: list[str]) -> str:
    """The "## Working notes" section of the vault shape (wikilinks as [[source-name|text]])."""
    rng = random.Random(f"{SEED}:vault:{k}")
    a, b = (sources[(k + d) % len(sources)] for d in (3, 7))
    say = lambda: vary_words(src.description or src.title, rng, vocab).rstrip(".")  # noqa: E731
    return (
        f"\n## Working notes\n\n"
        f"> [!tip] Remember this\n> {say()}. See [[{a.name}|{a.title}]] and $a_{{{k}}}^2 + b^2 = c^2$.\n\n"
        f"Press <kbd>Ctrl</kbd> + <kbd>K</kbd> to search: {say()}.\n\n"
        f"<details>\n<summary>More on {src.title}</summary>\n\n{say()}, as in [[{b.name}|{b.title}]].\n\n</details>\n"
    )


def section_dir(s: int) -> str:
    return f"s{s:03d}"


class Links:
    """Rewrites links of the notes to pages of the corpus, per tool."""

    def __init__(self, pages: list[Page], nsrc: int) -> None:
        self.pages = pages
        self.nsrc = nsrc
        self.order = {p.source.name: p.k % nsrc for p in pages[:nsrc]}

    def target(self, page: Page, name: str) -> Page | None:
        if name not in self.order:
            return None
        t = (page.k // self.nsrc) * self.nsrc + self.order[name]
        if t >= len(self.pages):
            t = self.order[name]
        return self.pages[t] if t < len(self.pages) else None

    def rewrite(self, page: Page, tool: str) -> str:
        def repl(m: re.Match) -> str:
            text, url = m.group(1), m.group(2)
            if url.startswith("#") or "://" in url or url.startswith("mailto:"):
                return m.group(0)
            path, _, anchor = url.partition("#")
            frag = f"#{anchor}" if anchor else ""
            if not path.endswith(".md"):
                return text  # quiz.html and the like exist in studysite only
            t = self.target(page, path[:-3])
            if t is None:
                return text
            same = t.section == page.section
            if tool == "hugo":
                # Pretty URLs: the page is served from <section>/<stem>/.
                rel = f"../{t.stem}/" if same else f"../../{section_dir(t.section)}/{t.stem}/"
            else:
                rel = f"{t.stem}.md" if same else f"../{section_dir(t.section)}/{t.stem}.md"
            return f"[{text}]({rel}{frag})"

        def wiki(m: re.Match) -> str:
            t = self.target(page, m.group(1))
            if t is None:
                return m.group(2)
            if tool == "studysite":
                return f"[[{t.stem}|{m.group(2)}]]"
            return repl(re.match(LINK, f"[{m.group(2)}]({m.group(1)}.md)"))

        return WIKI.sub(wiki, LINK.sub(repl, page.body))


def toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def front(title: str, weight: int, description: str = "", topics: list[str] | None = None) -> str:
    lines = ["+++", f"title = {toml_str(title)}", f"weight = {weight}"]
    if description:
        lines.append(f"description = {toml_str(description)}")
    if topics:
        lines.append("topics = [" + ", ".join(toml_str(t) for t in topics) + "]")
    lines.append("+++")
    return "\n".join(lines) + "\n\n"


def home_text(n: int) -> str:
    return (
        f"A benchmark corpus of {n} pages generated from the bundled DVA-C02 notes: every page is a "
        "note with a share of its words replaced, its code blocks changed and its question ids made "
        "unique.\n"
    )


def section_text(first: int, last: int) -> str:
    return f"Pages {first + 1} to {last + 1} of the corpus.\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def sections(pages: list[Page]) -> list[list[Page]]:
    out: list[list[Page]] = []
    for p in pages:
        if p.section == len(out):
            out.append([])
        out[p.section].append(p)
    return out


def write_studysite(root: Path, pages: list[Page], links: Links, n: int) -> None:
    write(
        root / "studysite.toml",
        f'title = "Benchmark corpus, {n} pages"\nsite_id = "bench-{n}"\nlanguage = "en"\n',
    )
    content = root / "content"
    write(content / "_index.md", front(f"Benchmark corpus, {n} pages", 0) + home_text(n))
    for sec in sections(pages):
        d = content / section_dir(sec[0].section)
        write(
            d / "_index.md",
            front(f"Section {sec[0].section + 1}", sec[0].section + 1) + section_text(sec[0].k, sec[-1].k),
        )
        for i, p in enumerate(sec):
            body = links.rewrite(p, "studysite")
            write(d / f"{p.stem}.md", front(p.title, i + 1, p.description, p.source.topics) + body)


HUGO_CONFIG = """baseURL = "/"
title = "Benchmark corpus, {n} pages"
languageCode = "en"
# Kinds studysite does not produce.
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]

[markup.highlight]
noClasses = false

[markup.tableOfContents]
startLevel = 2
endLevel = 3
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<nav aria-label="Sections">{{ partial "nav.html" . }}</nav>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"""

# "hugo": a simple sidebar, every section with the pages of the current section only.
HUGO_NAV = """{{ $current := . }}
<ol>
{{ range .Site.Sections }}
  <li><a href="{{ .RelPermalink }}"{{ if eq . $current }} aria-current="page"{{ end }}>{{ .Title }}</a>
  {{ if eq . $current.CurrentSection }}<ol>
  {{ range .Pages }}<li><a href="{{ .RelPermalink }}"{{ if eq . $current }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
  {{ end }}
  </ol>{{ end }}
  </li>
{{ end }}
</ol>
"""

# "hugo-fullnav": studysite's sidebar, every section with all its pages on every page.
HUGO_NAV_FULL = """{{ $current := . }}
<ol>
{{ range .Site.Sections }}
  <li><a href="{{ .RelPermalink }}"{{ if eq . $current }} aria-current="page"{{ end }}>{{ .Title }}</a>
  <ol>
  {{ range .Pages }}<li><a href="{{ .RelPermalink }}"{{ if eq . $current }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
  {{ end }}
  </ol>
  </li>
{{ end }}
</ol>
"""

HUGO_SINGLE = """{{ define "main" }}
<nav aria-label="Breadcrumb"><a href="{{ "/" | relURL }}">Home</a> / <a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></nav>
<article>
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
{{ .TableOfContents }}
{{ .Content }}
</article>
<nav aria-label="Previous and next">
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
{{ end }}
"""

HUGO_LIST = """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}
</ul>
</article>
{{ end }}
"""


def write_hugo(root: Path, pages: list[Page], links: Links, n: int, nav: str = HUGO_NAV) -> None:
    config = HUGO_CONFIG.replace("{n}", str(n))
    if any("<kbd>" in p.body for p in pages[:1]):
        config += "\n[markup.goldmark.renderer]\nunsafe = true\n"
    write(root / "hugo.toml", config)
    write(root / "layouts/_default/baseof.html", HUGO_BASEOF)
    write(root / "layouts/_default/single.html", HUGO_SINGLE)
    write(root / "layouts/_default/list.html", HUGO_LIST)
    write(root / "layouts/partials/nav.html", nav)
    content = root / "content"
    write(content / "_index.md", front(f"Benchmark corpus, {n} pages", 0) + home_text(n))
    for sec in sections(pages):
        d = content / section_dir(sec[0].section)
        write(
            d / "_index.md",
            front(f"Section {sec[0].section + 1}", sec[0].section + 1) + section_text(sec[0].k, sec[-1].k),
        )
        for i, p in enumerate(sec):
            body = links.rewrite(p, "hugo")
            write(d / f"{p.stem}.md", front(p.title, i + 1, p.description) + body)


def write_mdbook(root: Path, pages: list[Page], links: Links, n: int) -> None:
    # mdBook's defaults otherwise (search included, as in studysite).
    write(
        root / "book.toml",
        f'[book]\ntitle = "Benchmark corpus, {n} pages"\nlanguage = "en"\nsrc = "src"\n',
    )
    src = root / "src"
    summary = ["# Summary", "", "[Introduction](README.md)", ""]
    write(src / "README.md", f"# Benchmark corpus, {n} pages\n\n" + home_text(n))
    for sec in sections(pages):
        dname = section_dir(sec[0].section)
        title = f"Section {sec[0].section + 1}"
        summary.append(f"- [{title}]({dname}/README.md)")
        write(src / dname / "README.md", f"# {title}\n\n" + section_text(sec[0].k, sec[-1].k))
        for p in sec:
            summary.append(f"  - [{p.title}]({dname}/{p.stem}.md)")
            lead = f"{p.description}\n\n" if p.description else ""
            write(src / dname / f"{p.stem}.md", f"# {p.title}\n\n{lead}" + links.rewrite(p, "mdbook"))
    write(src / "SUMMARY.md", "\n".join(summary) + "\n")


def write_hugo_fullnav(root: Path, pages: list[Page], links: Links, n: int) -> None:
    write_hugo(root, pages, links, n, HUGO_NAV_FULL)


WRITERS = {
    "studysite": write_studysite,
    "hugo": write_hugo,
    "hugo-fullnav": write_hugo_fullnav,
    "mdbook": write_mdbook,
}


def stamp(args: argparse.Namespace, tool: str) -> str:
    h = hashlib.sha256()
    h.update(Path(__file__).read_bytes())
    for path in sorted(SOURCES.glob("*.md")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    h.update(json.dumps([args.pages, args.per_section, tool, args.shape]).encode())
    return h.hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, required=True, help="number of note pages (sections not counted)")
    ap.add_argument("--out", type=Path, required=True, help="folder to write the sites into")
    ap.add_argument("--per-section", type=int, default=50, help="pages per folder (default 50)")
    ap.add_argument("--tools", default="studysite,hugo,mdbook", help=f"comma-separated, of: {', '.join(WRITERS)}")
    ap.add_argument("--force", action="store_true", help="rewrite even if OUT/<tool>/.stamp is current")
    ap.add_argument(
        "--shape",
        choices=["notes", "dense", "vault"],
        default="notes",
        help="notes: each page one note (default); dense: each page also the questions and code blocks of the next two notes; vault: each page also Obsidian-style working notes (callout, wikilinks, formula, raw HTML)",
    )
    args = ap.parse_args()
    tools = [t for t in args.tools.split(",") if t]
    for t in tools:
        if t not in WRITERS:
            ap.error(f"unknown tool {t!r}; expected some of {', '.join(WRITERS)}")
    if args.pages < 1 or args.per_section < 1:
        ap.error("--pages and --per-section must be positive")

    stale = []
    for t in tools:
        f = args.out / t / ".stamp"
        if args.force or not f.exists() or f.read_text().strip() != stamp(args, t):
            stale.append(t)
    if not stale:
        print(f"{args.out}: up to date ({', '.join(tools)})", file=sys.stderr)
        return

    sources = read_sources()
    vocab = build_vocabulary(sources)
    pages = plan(args.pages, args.per_section, sources, vocab, args.shape)
    links = Links(pages, len(sources))
    for t in stale:
        root = args.out / t
        if root.exists():
            shutil.rmtree(root)
        WRITERS[t](root, pages, links, args.pages)
        (root / ".stamp").write_text(stamp(args, t) + "\n")
    print(
        f"{args.out}: {args.pages} pages in {pages[-1].section + 1} sections from {len(sources)} notes "
        f"({len(vocab)} vocabulary words) written for {', '.join(stale)}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    os.umask(0o022)
    main()
