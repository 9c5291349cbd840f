"""Markdown that every renderer reads the same: a blank line after every block, and the same
headings in CommonMark (markdown-it) and in pandoc's default reader."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import program, run
from markdown_it import MarkdownIt

from emprep.core.pack import Pack

NOW = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
BLOCKS = {"heading_open", "paragraph_open", "bullet_list_open", "ordered_list_open"}
BLOCKS |= {"blockquote_open", "fence", "code_block", "hr", "html_block", "table_open"}


def commonmark_headings(text: str) -> list[tuple[int, str]]:
    tokens = MarkdownIt("commonmark").parse(text)
    return [
        (int(t.tag[1]), tokens[i + 1].content)
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]


def pandoc_headings(text: str, reader: str = "markdown") -> list[tuple[int, str]]:
    """Headings as pandoc's Markdown reader (default, or `reader`) sees them, from its JSON AST."""
    out = subprocess.run(
        [program("pandoc"), "-f", reader, "-t", "json"], input=text, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr

    def plain(inlines: list[dict[str, Any]]) -> str:
        parts: list[str] = []
        for i in inlines:
            kind, content = i["t"], i.get("c", [])
            if kind == "Str":
                parts.append(content)
            elif kind == "Space":
                parts.append(" ")
            elif kind == "Code":
                parts.append(content[1])
            elif isinstance(content, list):
                parts.append(plain([c for c in content if isinstance(c, dict)]))
        return "".join(parts)

    headings = []

    def walk(blocks: list[dict[str, Any]]) -> None:
        for b in blocks:
            if b["t"] == "Header":
                level, _, inlines = b["c"]
                headings.append((level, plain(inlines)))
            elif b["t"] == "BlockQuote":
                walk(b["c"])

    walk(json.loads(out.stdout)["blocks"])
    return headings


def blocks_not_followed_by_a_blank_line(text: str) -> list[str]:
    """The first line of every top-level block whose next line is neither blank nor the end."""
    lines = text.split("\n")
    bad = []
    for t in MarkdownIt("commonmark").parse(text):
        if t.level == 0 and t.type in BLOCKS and t.map:
            first, end = t.map  # a list's range takes in the blank line after it
            last = max(i for i in range(first, end) if lines[i].strip())
            if last + 1 < len(lines) and lines[last + 1].strip():
                bad.append(lines[first])
    return bad


def plan_md(*args: str) -> str:
    r = run("plan", *args, "--format", "md", env=NOW)
    assert r.code == 0, r.stderr
    return r.stdout


def test_a_plan_warning_is_its_own_block_and_the_week_stays_a_heading() -> None:
    text = plan_md("--start", "2026-11-20", "--interview", "2026-11-23")
    assert "> Note: only 3 days to the interview" in text
    assert blocks_not_followed_by_a_blank_line(text) == []
    headings = commonmark_headings(text)
    assert headings[:2] == [
        (1, "Interview plan: Coursera Software Engineering Manager (M4)"),
        (2, "Week 1: 2026-11-20 to 2026-11-22 (3.9 h)"),
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("--start", "2026-11-20", "--interview", "2026-11-23"),
        ("--start", "2026-11-20", "--weeks", "8", "--hours", "5", "--track", "remote"),
    ],
)
def test_the_plan_has_the_same_headings_in_pandoc_and_commonmark(args: tuple[str, ...]) -> None:
    text = plan_md(*args)
    assert blocks_not_followed_by_a_blank_line(text) == []
    assert pandoc_headings(text) == commonmark_headings(text)
    assert len(commonmark_headings(text)) >= 3


def add_story(title: str, *extra: str) -> None:
    star = ["--situation", "S1\n\nS2", "--task", "T", "--action", "A", "--result", "R"]
    assert run("story", "add", "--title", title, *star, *extra, env=NOW).code == 0


def test_story_list_md_writes_every_story_once_under_its_competencies() -> None:
    add_story("Grading launch", "--competencies", "system-design")
    add_story("The reorg", "--competencies", "conflict-resolution", "--questions", "com-hiring")
    add_story("Unfiled")
    r = run("story", "list", "--format", "md", env=NOW)
    assert r.code == 0, r.stderr
    text = r.stdout
    assert blocks_not_followed_by_a_blank_line(text) == []
    assert [h for h in commonmark_headings(text) if h[0] <= 3] == [
        (1, "STAR stories: Coursera Software Engineering Manager (M4)"),
        (2, "Leadership & People Management"),
        (3, "s2: The reorg"),
        (2, "Technical Acumen"),
        (3, "s1: Grading launch"),
        (2, "Communication & Collaboration"),
        (2, "Not linked to a competency yet"),
        (3, "s3: Unfiled"),
    ]
    assert text.count("#### Situation\n\nS1\n\nS2\n\n#### Task\n\nT\n\n") == 3
    assert (  # named, and tested by the question it answers
        "Shows: Team building and development (People Management & Leadership); Conflict "
        "resolution (People Management & Leadership); Leadership vision (Executive Leadership "
        "Interview).\n"
    ) in text
    assert "Answers:\n\n- `com-hiring` Describe your approach to hiring" in text
    communication = text.split("## Communication & Collaboration\n\n")[1].split("\n## ")[0]
    assert communication == (
        "Also showing it:\n\n- s2: The reorg (written out under Leadership & People Management)\n"
    )
    assert pandoc_headings(text) == commonmark_headings(text)


def test_story_list_md_without_stories() -> None:
    r = run("story", "list", "--format", "md")
    assert r.stdout == (
        "# STAR stories: Coursera Software Engineering Manager (M4)\n\n"
        "No stories yet. Add one with: emprep story add\n"
    )


def test_story_list_output_writes_what_format_md_prints(tmp_path: Path) -> None:
    add_story("Grading launch", "--competencies", "system-design")
    out = tmp_path / "stories.md"
    r = run("story", "list", "-o", str(out), env=NOW)
    assert (r.code, r.stdout, r.stderr) == (0, "", f"Wrote {out} ({out.stat().st_size:,} bytes).\n")
    assert out.read_text() == run("story", "list", "--format", "md", env=NOW).stdout
    assert json.loads(run("story", "list", "--format", "json", env=NOW).stdout)[0]["id"] == "s1"


def test_one_story_is_said_in_the_singular() -> None:
    story = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    assert run("story", "add", "--title", "Only one", *story).code == 0
    lines = run("story", "list", "--format", "md").stdout.splitlines()
    assert lines[2] == (
        "1 story, grouped by the competencies it shows; a story that shows several groups is "
        "written out under the one where it shows most."
    )
    assert run("story", "coverage").stdout.splitlines()[0] == (
        "1 story: 0 of 108 questions have one; 0 of 24 competencies are shown"
    )


def test_the_stories_render_to_html_in_commonmark() -> None:
    add_story("One", "--competencies", "leadership")
    html = MarkdownIt("commonmark").render(run("story", "list", "--format", "md").stdout)
    assert "<h3>s1: One</h3>" in html
    assert "<p>S1</p>\n<p>S2</p>" in html


def pandoc_plain(text: str) -> str:
    """`text` as pandoc reads it, less its typography, written back as plain text on long
    lines: what a reader of the sheet gets, markup and escapes undone."""
    return subprocess.run(
        [program("pandoc"), "-f", "markdown-smart", "-t", "plain", "--wrap=none"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def plain_headings(text: str) -> list[tuple[int, str]]:
    """Headings as CommonMark reads them, as plain text: escapes undone, code spans' text."""
    tokens = MarkdownIt("commonmark").parse(text)
    return [
        (int(t.tag[1]), "".join(c.content for c in tokens[i + 1].children or []))
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]


TRICKY_NOTE = (
    "# Hook: *learners* first\n- one <b>number</b>\n\n1. then [the plan](x) @cite $5 &amp;"
)


def test_the_study_sheet_writes_one_question_exactly() -> None:
    assert run("note", "rec-why-coursera", "--text", TRICKY_NOTE).code == 0
    r = run("questions", "rec-why-coursera", "--format", "md", env=NOW)
    assert r.code == 0, r.stderr
    head, _, rest = r.stdout.partition("A strong answer covers:\n\n")
    assert head == (
        "# Study sheet: Coursera Software Engineering Manager (M4)\n\n"
        "1 question by round, each with what a strong answer covers, the follow-ups, the red "
        "flags, the bar, the answer outline and your note. A question asked in several rounds "
        "is written out under its own round and named under the others.\n\n"
        "## 1. Recruiter/HR Interview\n\n"
        "45 min · Recruiter/HR · 1 question\n\n"
        "### `rec-why-coursera` Why are you interested in Coursera?\n\n"
        "*Recruiter/HR Interview (placed by the guide) · guide · core · 2 min*\n\n"
        "Criteria: Cultural fit; Communication skills\n\n"
    )
    assert rest.startswith(
        "1. A personal link to the mission as Coursera states it, universal access to "
        "world-class learning (you learnt on a MOOC, you hired people who retrained, you "
        "taught), rather than 'education is important'. (shows: Cultural fit)\n"
    )
    assert "\n\nThey will ask next:\n\n- Which Coursera product have you used yourself" in rest
    assert (
        "\n\nRed flags:\n\n- Talks about remote work, pay or the brand, never about learners or "
        "the mission. (leads to: Failure to demonstrate alignment with Coursera's values)\n"
    ) in rest
    assert rest.endswith(
        "**The bar:** At M4: one reason that is yours, tied to a product or business fact and to "
        "what you would build; below the bar: the mission statement read back, which any "
        "applicant could say.\n\n"
        "Answer outline:\n\n"
        "1. Lead with the one-sentence reason\n"
        "2. The evidence you looked at (a product, a number, a launch)\n"
        "3. Why this team and this role now\n"
        "4. Close with what you would bring\n\n"
        "Your note:\n\n"
        "> \\# Hook: \\*learners\\* first\\\n"
        "> \\- one \\<b\\>number\\</b\\>\n"
        ">\n"
        "> 1\\. then \\[the plan\\](x) \\@cite \\$5 \\&amp;\n"
    )
    assert blocks_not_followed_by_a_blank_line(r.stdout) == []
    html = MarkdownIt("commonmark").render(r.stdout)
    assert (
        "<blockquote>\n<p># Hook: *learners* first<br />\n- one &lt;b&gt;number&lt;/b&gt;</p>\n"
        "<p>1. then [the plan](x) @cite $5 &amp;amp;</p>\n</blockquote>"
    ) in html


def test_the_study_sheet_groups_the_bank_by_round(pack: Pack) -> None:
    r = run("questions", "--format", "md", env=NOW)
    assert r.code == 0, r.stderr
    text = r.stdout
    assert blocks_not_followed_by_a_blank_line(text) == []
    expected = [(1, "Study sheet: Coursera Software Engineering Manager (M4)")]
    for rnd in pack.rounds:
        expected.append((2, f"{rnd.order}. {rnd.name}"))
        expected += [(3, f"{q.id} {q.text}") for q in pack.questions if q.rounds[0] == rnd.id]
    assert plain_headings(text) == expected
    assert len(expected) == 1 + len(pack.rounds) + len(pack.questions)
    people = text.split("## 3. People Management & Leadership\n\n")[1].split("\n## ")[0]
    shared = [q for q in pack.questions if "people" in q.rounds and q.rounds[0] != "people"]
    assert shared  # a question of several rounds is named, not written out again
    assert people.split("Also asked in this round:\n\n")[1] == "".join(
        f"- `{q.id}` {q.text} (written out under {pack.round(q.rounds[0]).name})\n" for q in shared
    ).replace("[", "\\[").replace("]", "\\]")
    assert f"45 min · Recruiter/HR · {sum('recruiter' in q.rounds for q in pack.questions)}" in text


def test_the_study_sheet_reads_back_the_same_in_pandoc() -> None:
    from emprep.storage.packs import load_pack

    assert run("note", "str-product-vision", "--text", TRICKY_NOTE).code == 0
    text = run("questions", "--format", "md", env=NOW).stdout
    # pandoc's own reader, less its typography ("smart" makes ' a curly quote)
    assert pandoc_headings(text, "markdown-smart") == plain_headings(text)
    assert len(pandoc_headings(text)) == len(plain_headings(text))
    plain = pandoc_plain(text)
    for q in load_pack().questions:  # every sentence comes back as written, markup and all
        for sentence in [q.text, q.bar, *q.follow_ups, *(p.text for p in q.points)]:
            assert sentence in plain, sentence
    assert "  # Hook: *learners* first\n  - one <b>number</b>\n\n  1. then [the plan](x)" in plain


def test_the_study_sheet_filters_and_goes_to_a_file(tmp_path: Path) -> None:
    r = run("questions", "--round", "strat", "--difficulty", "stretch", "--format", "md")
    assert [h for h in plain_headings(r.stdout) if h[0] == 2] == [
        (2, "4. Strategic & Product Alignment")
    ]
    assert "Also asked in this round" not in r.stdout
    out = tmp_path / "sheet.md"
    w = run(
        "questions", "--round", "strat", "--difficulty", "stretch", "--format", "md", "-o", str(out)
    )
    assert (w.code, w.stdout, w.stderr) == (
        0,
        "",
        f"Wrote {out} ({len(out.read_bytes()):,} bytes).\n",
    )
    assert out.read_text() == r.stdout
    r = run("questions", "--search", "zzzz", "--format", "md")
    assert r.stdout == (
        "# Study sheet: Coursera Software Engineering Manager (M4)\n\n"
        "No question matches those filters.\n"
    )


def test_a_list_item_that_starts_like_a_list_stays_one_item(pack: Pack) -> None:
    """A pack's follow-up, point, red flag or step written "1. ..." or "- ..." was read as a
    list inside the item (CommonMark and pandoc alike): it is text."""
    from dataclasses import replace

    from emprep.ui.export.markdown import questions_markdown

    q = pack.question("rec-why-coursera")
    q = replace(
        q,
        follow_ups=["1. What first?", "- and then?"],
        outline="2) lead · + evidence",
        points=[replace(q.points[0], text="3. A fact you checked.")],
        red_flags=[replace(q.red_flags[0], text="- A tour of the website.")],
    )
    text = questions_markdown(pack, [q], {})
    tokens = MarkdownIt("commonmark").parse(text)
    nested = [t.type for t in tokens if t.type.endswith("list_open") and t.level > 0]
    assert nested == []
    assert "- 1\\. What first?\n- \\- and then?\n" in text
    assert "1. 2\\) lead\n2. \\+ evidence\n" in text


def test_what_pandoc_alone_reads_as_markup_is_text_there_too(pack: Pack) -> None:
    """pandoc's reader (the README's command) has list markers CommonMark lacks, `a)`, `iv.`,
    `(1)`, line blocks (`| `) and heading attributes (`{-}`): a follow-up "(1) cost, (2) time"
    was a list inside the item, its "(1)" gone, and a question ending `{-}` lost it."""
    from dataclasses import replace

    from emprep.ui.export.markdown import questions_markdown

    q = pack.question("rec-why-coursera")
    asks = ["(1) cost, (2) time", "a) first", "iv. fourth", "B.  two", "| piped", "i.e. plain"]
    q = replace(q, text="Why us {-}", follow_ups=asks, outline="x) lead · (why) next")
    text = questions_markdown(pack, [q], {})
    assert "### `rec-why-coursera` Why us \\{-}\n" in text
    assert "- \\(1) cost, (2) time\n- a\\) first\n- iv\\. fourth\n- B\\.  two\n" in text
    assert "- \\| piped\n- i.e. plain\n" in text
    assert "1. x\\) lead\n2. \\(why) next\n" in text
    html = MarkdownIt("commonmark").render(text)
    assert "<li>(1) cost, (2) time</li>\n<li>a) first</li>\n<li>iv. fourth</li>" in html
    assert "<li>| piped</li>" in html and "Why us {-}</h3>" in html
    plain = pandoc_plain(text)
    assert "Why us {-}\n" in plain
    for said in ["(1) cost, (2) time", "a) first", "iv. fourth", "B. two", "| piped", "x) lead"]:
        assert f" {said}\n" in plain, said  # a list item's text, whole (spaces run together)


def test_what_a_story_holds_cannot_break_the_document_around_it() -> None:
    """A title or a STAR part with Markdown's block syntax or HTML in it stays inside its
    story: `<!--` or an open code fence used to take in every later story, `# ...` and a line
    underlined with `---` were headings of the document, `<div>` in a title lost the heading."""
    title = "Fixing the *flaky* <div> build | C# ##"
    star = {
        "--situation": (
            "# Not a heading\nThe build broke\n---\nSee `<div>` soup: <script>x()\r\n===\r\nMore"
        ),
        "--task": "<!-- todo",
        "--action": "We kept *emphasis* and\n\n- a list\n\n```\nan open <b>fence",
        "--result": "See <https://example.com/postmortem> or <me@example.com>",
    }
    args = [a for pair in star.items() for a in pair]
    assert run("story", "add", "--title", title, *args, "--competencies", "leadership").code == 0
    add_story("Second", "--competencies", "leadership")
    text = run("story", "list", "--format", "md", env=NOW).stdout
    expected = [
        (1, "STAR stories: Coursera Software Engineering Manager (M4)"),
        (2, "Leadership & People Management"),
        (3, f"s1: {title}"),
        *[(4, part) for part in ("Situation", "Task", "Action", "Result")],
        (3, "s2: Second"),
        *[(4, part) for part in ("Situation", "Task", "Action", "Result")],
    ]
    assert plain_headings(text) == expected
    html = MarkdownIt("commonmark").render(text)
    assert "<div>" not in html and "<script>" not in html and "<!--" not in html
    assert "<code>&lt;div&gt;</code> soup: &lt;script&gt;x()\n===\nMore</p>" in html
    assert "<p># Not a heading\nThe build broke\n---\nSee" in html
    assert "<em>emphasis</em>" in html and "<li>a list</li>" in html
    assert "<pre><code>an open &lt;b&gt;fence\n</code></pre>" in html
    assert '<a href="https://example.com/postmortem">' in html
    assert '<a href="mailto:me@example.com">' in html
    assert [(level, " ".join(h.split())) for level, h in pandoc_headings(text)] == expected


def test_a_table_typed_against_the_lines_around_it_is_one_table_in_pandoc_too() -> None:
    """CommonMark's tables (GitHub's, markdown-it's) start right under a line and take the line
    right under them in as a row; pandoc's pipe tables (the README's print command) do neither,
    so a story's table typed under its sentence printed as a paragraph of pipes. A blank line
    now keeps it apart from both, in a quote too, and both read one table."""
    action = "Met all 14.\n| fear | count |\n|---|--:|\n| scope | 9 |\nThen I acted."
    result = "> Quoted:\n> | a | b |\n> |:-:|---|\n> | 1 | 2 |"
    star = ["--situation", "S", "--task", "x | y\n|---|", "--action", action, "--result", result]
    assert run("story", "add", "--title", "T", *star, "--competencies", "leadership").code == 0
    text = run("story", "list", "--format", "md", env=NOW).stdout
    assert "#### Task\n\nx | y\n|---|\n\n" in text  # cells do not match the header's: text
    assert (
        "#### Action\n\nMet all 14.\n\n| fear | count |\n|---|--:|\n| scope | 9 |\n\n"
        "Then I acted.\n\n"
    ) in text
    assert text.endswith("#### Result\n\n> Quoted:\n>\n> | a | b |\n> |:-:|---|\n> | 1 | 2 |\n")
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert html.count("<table>") == 2 and html.count("<tr>") == 4
    assert "<p>Met all 14.</p>\n<table>" in html and "</table>\n<p>Then I acted.</p>" in html
    argv = [program("pandoc"), "-f", "commonmark+pipe_tables", "-t", "html"]
    page = subprocess.run(argv, input=text, capture_output=True, text=True, check=True).stdout
    assert page.count("<table>") == 2 and page.count("<tr") == 4
    assert "<p>Then I acted.</p>" in page and "| fear" not in page


def test_a_note_that_looks_like_a_table_stays_its_lines_of_text() -> None:
    """A note's lines are text: a `-` or `|` starting a line was escaped, but a delimiter row
    starting with `:` made "Pros | Cons" the header of a table in CommonMark's tables (GitHub's,
    markdown-it's), its `Cons\\` a cell, the candidate's words turned into markup."""
    note = "Pros | Cons\n:-- | --:\n\nfast | costly"
    assert run("note", "rec-why-coursera", "--text", note).code == 0
    text = run("questions", "rec-why-coursera", "--format", "md", env=NOW).stdout
    assert "> Pros | Cons\\\n> \\:-- | --:\n>\n> fast | costly\n" in text
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<table>" not in html
    assert "<p>Pros | Cons<br />\n:-- | --:</p>\n<p>fast | costly</p>" in html


def test_a_note_s_indented_lines_stay_indented_in_print() -> None:
    """Markdown drops a line's leading spaces: a note written as an outline, its points
    indented under a line (as the screen shows them), printed flat. The indent is kept as
    no-break spaces (a tab as four), which CommonMark and pandoc keep; a blank line stays one."""
    note = "Growth:\n  - scope: 8 -> 20 engineers\n\tpaced by a tab\n   \nClose: the team"
    assert run("note", "rec-why-coursera", "--text", note).code == 0
    text = run("questions", "rec-why-coursera", "--format", "md", env=NOW).stdout
    nbsp = "\u00a0"
    quote = f"> Growth:\\\n> {nbsp * 2}\\- scope: 8 -\\> 20 engineers\\\n"
    quote += f"> {nbsp * 4}paced by a tab\n>\n> Close: the team\n"
    assert quote in text
    lines = f"Growth:<br />\n{nbsp * 2}- scope: 8 -&gt; 20 engineers<br />\n{nbsp * 4}paced by"
    assert lines in MarkdownIt("commonmark").render(text)
    argv = [program("pandoc"), "-f", "commonmark+pipe_tables", "-t", "html"]
    page = subprocess.run(argv, input=text, capture_output=True, text=True, check=True).stdout
    assert lines in page


def test_a_packs_text_is_text_in_the_plan(pack_copy: Path) -> None:
    """A pack of one's own (`--data`) with HTML or emphasis in a question or a task: the plan
    shows it as written, it does not run a script or hide the rest of the page."""
    import tomllib

    import tomli_w

    questions = pack_copy / "questions.toml"
    doc = tomllib.loads(questions.read_text())
    doc["question"][0]["text"] = "Why us? <script>alert(1)</script> *really*"
    questions.write_text(tomli_w.dumps(doc))
    rounds = pack_copy / "rounds.toml"
    doc = tomllib.loads(rounds.read_text())
    doc["phase"][0]["tasks"][0] = "Read <!-- the report"
    del doc["phase"][0]["renamed"]  # its former text led to the task replaced here
    doc["criteria_group"][0]["name"] = "Leadership <i>& People</i>"
    doc["loop"]["company"] = "<b>Acme</b> *Labs*"
    rounds.write_text(tomli_w.dumps(doc))
    args = ("--start", "2026-11-20", "--interview", "2026-12-14")
    text = run("--data", str(pack_copy), "plan", *args, "--format", "md", env=NOW).stdout
    html = MarkdownIt("commonmark").render(text)
    assert "<script>" not in html and "<!--" not in html
    assert (
        "<code>rec-why-coursera</code> Why us? &lt;script&gt;alert(1)&lt;/script&gt; *really*"
        in html
    )
    assert "Read &lt;!-- the report (2 h)</li>" in html
    title = "&lt;b&gt;Acme&lt;/b&gt; *Labs* Software Engineering Manager (M4)</h1>"
    assert f"<h1>Interview plan: {title}" in html
    assert [h for h in commonmark_headings(text) if h[0] == 2] == [
        h for h in commonmark_headings(plan_md(*args)) if h[0] == 2
    ]
    add_story("One", "--competencies", "leadership", "--questions", "rec-why-coursera")
    stories = run("--data", str(pack_copy), "story", "list", "--format", "md").stdout
    html = MarkdownIt("commonmark").render(stories)
    assert "<script>" not in html and "<i>" not in html
    assert "<h2>Leadership &lt;i&gt;&amp; People&lt;/i&gt;</h2>" in html
    assert f"<h1>STAR stories: {title}" in html
    sheet = run("--data", str(pack_copy), "questions", "--format", "md").stdout
    assert f"<h1>Study sheet: {title}" in MarkdownIt("commonmark").render(sheet)
    assert "Why us? &lt;script&gt;" in html


def test_the_study_sheet_opens_each_round_with_the_questions_the_guide_lists_for_it(
    pack: Pack,
) -> None:
    """Strategic's sheet began with tech-ab-testing, a question the guide does not list there."""
    r = run("questions", "--round", "strategic", "--format", "md", env=NOW)
    assert r.code == 0, r.stderr
    ids = [h.split("`")[1] for h in r.stdout.splitlines() if h.startswith("### `")]
    listed = [q.id for q in pack.questions if q.placed_by == "guide" and "strategic" in q.rounds]
    assert (
        ids[:3]
        == listed
        == ["str-business-objectives", "str-pm-disagreements", "str-product-vision"]
    )
    assert ids[3] == "tech-ab-testing"


def test_a_file_name_with_an_escape_sequence_is_said_escaped(tmp_path: Path) -> None:
    """Before, "Wrote" echoed the name as it was: the ESC reached the terminal (here it would
    have turned the rest of the line red) and a newline split the line in two."""
    out = tmp_path / "plan\x1b[31m\nred.md"
    r = run("plan", "-o", str(out), env=NOW)
    said = f"Wrote {tmp_path}/plan\\x1b[31m\\nred.md ({out.stat().st_size:,} bytes).\n"
    assert (r.code, r.stdout, r.stderr) == (0, "", said)
    assert out.read_text().startswith("# Interview plan: ")


def test_a_round_with_no_date_yet_says_so_in_the_plan() -> None:
    """The screen dated, the onsite not: the plan ends on the screen's day; a printed plan (the
    note on the terminal long gone) says which rounds have no date yet and how to give one."""
    env = {"EMPREP_NOW": "2026-11-21T10:00:00+00:00"}
    assert run("config", "set", "interview.recruiter", "2026-11-30", env=env).code == 0
    r = run("plan", "--format", "md", env=env)
    assert r.code == 0
    day = r.stdout[r.stdout.index("## Interview day") : r.stdout.index("## The loop")]
    assert day.splitlines()[:5] == [
        "## Interview day: 2026-11-30",
        "",
        "**Interview: Recruiter/HR Interview on 2026-11-30 (45 min, Recruiter/HR)**",
        "",
        "**Interview (no date yet): Technical Deep Dive, planned for 2026-11-30 (60 min, Senior "
        "Software Engineer/Engineering Lead)**",
    ]
    loop = r.stdout[r.stdout.index("## The loop") :].splitlines()
    assert loop[2:5] == [
        "1. Recruiter/HR Interview (45 min) on 2026-11-30",
        "2. Technical Deep Dive (60 min), no date yet: planned for 2026-11-30; date it: emprep "
        "config set interview.technical YYYY-MM-DD",
        "3. People Management & Leadership (60 min), no date yet: planned for 2026-11-30; date "
        "it: emprep config set interview.people YYYY-MM-DD",
    ]
    assert commonmark_headings(r.stdout)[-2:] == [
        (2, "Interview day: 2026-11-30"),
        (2, "The loop, from 2026-11-30"),
    ]


def test_a_short_plan_s_markdown_lists_what_each_week_leaves_out() -> None:
    """Ten days at 12 h: the week's line, then the tasks its hours do not hold, each with its
    estimate, as a list of their own after a blank line."""
    text = plan_md("--start", "2026-11-23", "--interview", "2026-12-03", "--hours", "12")
    assert (
        "Tasks about 9 h of your 12 h; the drill about 4 h 22 (5 a day): 1 h 22 more than the "
        "week's hours, as its tasks of priority 1 (the stories, 'Why Coursera?', a design, the "
        "mocks) are kept at any hours; 14 h a week would hold them (emprep "
        "config set hours 14).\n\n"
        "Left out, as the week's hours do not hold them after the drill:\n\n"
        "- List your eight strongest accomplishments from your resume (leadership, technical, "
        "hiring), each with its number; they are the raw material of your stories. (45 min)\n"
        "- Write to the recruiter with your questions"
    ) in text
    assert blocks_not_followed_by_a_blank_line(text) == []


def test_a_drill_over_the_week_s_hours_says_the_count_that_fits_them() -> None:
    """Eight weeks at 3 h: 5 a day is about 4 h 22 a week by the questions' time boxes; a
    week's line says so, and the count its hours hold (week 1 keeps 'Why Coursera?' alone, of
    priority 1); a last day of 0.1 h (6 minutes) holds none."""
    text = plan_md("--start", "2026-11-23", "--weeks", "8", "--hours", "3")
    line = (
        "Tasks about 2 h of your 3 h; the drill about 4 h 22 (5 a day), more than the "
        "week's hours: 3 a day would fit them (emprep config set count 3)."
    )
    assert text.count(line) == 1
    assert text.count("more than the week's hours: 3 a day would fit them") == 8
    text = plan_md("--start", "2026-11-23", "--interview", "2026-12-01", "--hours", "1")
    assert "the drill about 37 min (5 a day), more than the week's hours even at 1 a day." in text


def test_a_week_says_what_the_drill_already_asked_of_the_rounds_it_prepares() -> None:
    """Eight weeks at 5 a day: weeks 5-6 hold the technical phase, but the drill asked all but
    one technical question in weeks 1-4 (its order, not the phases'); week 6 introduces none,
    and its section says the drill asked them before and reviews them now."""
    text = plan_md("--start", "2026-11-23", "--weeks", "8")
    week6 = text.split("## Week 6")[1].split("## Week 7")[0]
    assert week6.endswith(
        "Questions to introduce (0):\n\n- none this week\n\nAlready asked by the drill in weeks "
        "1-5: all 36 Technical Deep Dive questions; this week reviews them.\n\n"
    )
    week1 = text.split("## Week 1")[1].split("## Week 2")[0]
    assert "Already asked" not in week1
    week3 = text.split("## Week 3")[1].split("## Week 4")[0]
    assert (
        "Already asked by the drill in weeks 1-2: 23 of the 35 People Management & Leadership "
        "questions; this week reviews them."
    ) in week3
