"""The README's examples are real: replayed in order, they print what the README shows."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import run

README = Path(__file__).resolve().parents[1] / "README.md"
NOW = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}


def examples() -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every `$ emprep ...` in a console block."""
    blocks = re.findall(r"```console\n(.*?)```", README.read_text(), flags=re.S)
    out: list[tuple[str, list[str]]] = []
    for block in blocks:
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append((line[2:], []))
            else:
                out[-1][1].append(line)
    return out


def _contains_in_order(actual: list[str], expected: list[str]) -> bool:
    """Each run of lines between `...` appears in `actual`, contiguous and in order."""
    runs: list[list[str]] = [[]]
    for line in expected:
        if line == "...":
            runs.append([])
        else:
            runs[-1].append(line)
    at = 0
    for chunk in (r for r in runs if r):
        for i in range(at, len(actual) - len(chunk) + 1):
            if actual[i : i + len(chunk)] == chunk:
                at = i + len(chunk)
                break
        else:
            return False
    return expected[0] == "..." or not runs[0] or actual[: len(runs[0])] == runs[0]


def test_readme_examples_run_and_print_what_is_shown() -> None:
    found = examples()
    assert len(found) >= 10
    for command, expected in found:
        args = shlex.split(command)
        assert args[0] == "emprep"
        r = run(*args[1:], env=NOW)
        actual = (r.stdout + r.stderr).splitlines()
        assert r.code == (2 if r.stderr.startswith("emprep: error:") else 0), command
        assert _contains_in_order(actual, expected), f"{command}:\n" + "\n".join(actual)


def test_quick_start_is_two_lines_and_ci_runs_its_test_command() -> None:
    text = README.read_text()
    block = re.search(r"## Quick start\n.*?```sh\n(.*?)```", text, flags=re.S)
    assert block is not None
    lines = block.group(1).strip().splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("emprep plan")
    assert lines[1].endswith("python -m pytest")
    ci = (README.parent / ".ci" / "run").read_text()
    assert "python -m pytest\n" in ci
    assert 'pip install -q --disable-pip-version-check ".[test,dev]"' in ci


def commands() -> list[str]:
    """Every command the app has, `story add` style for a group's commands, from the app itself."""
    import typer
    from typer.core import TyperGroup

    from emprep.cli import app

    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    out = []
    for name, command in root.commands.items():
        out.append(name)
        if isinstance(command, TyperGroup):
            out += [f"{name} {sub}" for sub in command.commands]
    return sorted(out)


@pytest.mark.parametrize("name", commands())
def test_every_command_is_documented(name: str) -> None:
    """A command has its own section; a group's commands are named in their group's section."""
    text = README.read_text()
    group, _, sub = name.partition(" ")
    assert f"### `emprep {group}" in text
    if sub:
        section = text.split(f"### `emprep {group}", 1)[1].split("\n### ", 1)[0]
        assert f"`{name}" in section or f"`emprep {name}" in section


def section(heading: str) -> str:
    """The README's sections whose heading starts with `heading`, each to the next heading of
    its level or above; a `#` line in a code block (the study sheet's) is no heading."""
    out: list[str] = []
    inside = fenced = False
    level = len(heading) - len(heading.lstrip("#"))
    for line in README.read_text().splitlines():
        fenced ^= line.startswith("```")
        if not fenced and re.match(rf"#{{1,{level}}} ", line):
            inside = line.startswith(heading)
        if inside:
            out.append(line)
    return "\n".join(out)


# where a command's options are told in a section of their own, the one its section sends to
TOLD_IN = {"rounds log": "### A loop over several days"}


def options(name: str) -> list[str]:
    """Every name of every option `emprep NAME --help` lists, but --help's own."""
    from typer.core import TyperGroup

    from emprep.cli.app import built

    group, _, sub = name.partition(" ")
    command = built(group)
    if sub:
        assert isinstance(command, TyperGroup)
        command = command.commands[sub]
    return [
        n
        for p in command.params
        if p.param_type_name == "option"
        for n in (*p.opts, *p.secondary_opts)
        if n not in ("-h", "--help")
    ]


@pytest.mark.parametrize("name", commands())
def test_every_option_is_named_in_its_commands_section(name: str) -> None:
    """Each option `--help` lists, by each of its names, in the section of its command (of its
    group, for a group's command): `story rm`'s `-y` was in no section, `config show`'s
    `--format` only in the list of JSON documents."""
    text = section(f"### `emprep {name.partition(' ')[0]}")
    text += section(TOLD_IN[name]) if name in TOLD_IN else ""
    missing = [n for n in options(name) if not re.search(re.escape(n) + r"(?![\w-])", text)]
    assert missing == [], name


def test_every_flag_of_every_benchmark_is_in_the_benchmarks_section() -> None:
    """`simulate.py`'s `--seeds` and `--jobs` were named nowhere in the README: each flag a
    benchmark script takes is told where the benchmarks are."""
    told = section("## Benchmarks")
    flags = [
        (script.name, flag)
        for script in sorted((README.parent / "benchmarks").glob("*.py"))
        for flag in re.findall(r'add_argument\(\s*"(--[a-z-]+)"', script.read_text())
    ]
    assert len(flags) >= 12
    assert [f for f in flags if not re.search(re.escape(f[1]) + r"(?![\w-])", told)] == []


def layout() -> list[str]:
    """The paths in the README's layout listing: a folder's entries are indented under it."""
    text = README.read_text().split("### Layout\n", 1)[1]
    block = re.search(r"```text\n(.*?)```", text, flags=re.S)
    assert block is not None
    out: list[str] = []
    folders: list[str] = []
    for line in block.group(1).splitlines():
        depth, rest = divmod(len(line) - len(line.lstrip()), 2)
        if rest or depth > len(folders):  # a description running on
            continue
        del folders[depth:]
        name = line.split()[0]
        if name.endswith("/"):
            folders.append(name)
        else:
            out.append("".join(folders) + name)
    return out


def test_the_layout_listing_is_the_tree() -> None:
    root = README.parent
    for path in layout():
        assert (root / path).exists(), path
    package = root / "src" / "emprep"
    listed = {p.removeprefix("src/emprep/") for p in layout() if p.startswith("src/emprep/")}
    modules = {
        str(p.relative_to(package)) for p in package.rglob("*.py") if p.name != "__init__.py"
    }
    assert listed == modules


def test_tests_mirror_the_modules() -> None:
    """tests/core/test_planner.py tests core/planner.py; a test at the top is test_cli.py or one
    the layout names."""
    tests = Path(__file__).parent
    package = tests.parent / "src" / "emprep"
    for path in tests.glob("*/**/test_*.py"):
        folder = path.parent.relative_to(tests)
        module = package / folder / path.name.removeprefix("test_")
        assert module.is_file(), f"{path.relative_to(tests)} tests no module"
    named = README.read_text().split("### Layout\n", 1)[1].split("\n## ", 1)[0]
    for path in tests.glob("test_*.py"):
        assert path.name == "test_cli.py" or path.name in named, path.name


def headings() -> list[str]:
    """Every `##` and `###` heading, outside the code blocks."""
    out: list[str] = []
    fenced = False
    for line in README.read_text().splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (m := re.match(r"#{2,3} (.+)", line)):
            out.append(m.group(1))
    return out


def slug(heading: str) -> str:
    """The anchor a Markdown renderer (GitHub's rule) gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def test_the_contents_list_every_section_in_order() -> None:
    """Every `##` and `###` section is linked from Contents, in the README's order, by the
    anchor its heading gets."""
    text = README.read_text()
    contents = text.split("## Contents\n", 1)[1].split("\n## ", 1)[0]
    links = re.findall(r"\]\(#([^)]+)\)", contents)
    expected = [slug(heading) for heading in headings() if heading != "Contents"]
    assert links == expected, "Contents should link, in order: " + ", ".join(expected)


def test_the_progress_file_shown_is_the_one_emprep_writes(isolated: Path) -> None:
    """The top of "Where your files live"'s example, to the end of the review log, is what the
    two ratings it holds write: given in Berlin, each keeps its offset."""
    block = README.read_text().split("## Where your files live\n", 1)[1]
    toml = block.split("```toml\n", 1)[1].split("```", 1)[0]
    shown = toml[: toml.index("'''\n", toml.index("reviews = '''") + 14) + 4]
    berlin = {"TZ": "Europe/Berlin", "EMPREP_NOW": "2026-11-20T10:00"}
    assert run("review", "rec-why-coursera", "good", "--seconds", "95", env=berlin).code == 0
    assert run("review", "exe-scaling", "again", env=berlin).code == 0
    assert shown in isolated.read_text()
