"""Tab completion, as a shell asks for it: the installed emprep run with `_EMPREP_COMPLETE` set,
and a real bash that sourced `emprep completion bash`."""

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pexpect
import pytest
from conftest import PTY_TIMEOUT, installed_emprep, run

pytestmark = pytest.mark.usefixtures("isolated")


def offered(words: str, shell: str = "bash") -> list[str]:
    """What emprep offers for the command line `words` (a trailing space: a new word)."""
    env = {**os.environ, "_EMPREP_COMPLETE": f"complete_{shell}"}
    env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"  # what fish's script asks for the list
    if shell == "bash":
        typed = words.split(" ")
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(len(typed) - 1)}
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
    done = subprocess.run(
        [installed_emprep(), *words.split()[1:]],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert (done.returncode, done.stderr) == (0, "")
    return [line for line in done.stdout.splitlines() if line]


def test_commands_question_ids_and_ratings_are_offered() -> None:
    assert offered("emprep qu") == ["questions"]
    assert offered("emprep questions rec-s") == [
        "rec-strengths-weaknesses",
        "rec-salary-expectations",
        "rec-search-logistics",
    ]
    assert offered("emprep review rec-salary-expectations ") == ["again", "hard", "good", "easy"]
    assert offered("emprep review rec-salary-expectations g") == ["good"]
    assert offered("emprep note tech-") != []
    assert all(q.startswith("tech-") for q in offered("emprep note tech-"))


def test_rounds_and_config_keys_are_offered() -> None:
    rounds = ["recruiter", "technical", "people", "strategic", "executive"]
    assert offered("emprep rounds ") == rounds
    assert offered("emprep rounds log ") == rounds
    assert offered("emprep drill --round te") == ["technical"]
    assert offered("emprep mock --round p") == ["people"]
    assert offered("emprep config set interview.") == [f"interview.{r}" for r in rounds]
    assert offered("emprep config unset re") == ["rest-days"]


def test_story_ids_come_from_the_progress_file(tmp_path: Path) -> None:
    progress = Path(os.environ["EMPREP_PROGRESS"])
    for title in ("Rescuing the grading launch", "The reorg nobody wanted"):
        args = ["story", "add", "--title", title, "--situation", "s", "--task", "t"]
        args += ["--action", "a", "--result", "r"]
        subprocess.run([installed_emprep(), *args], check=True, capture_output=True)
    assert offered("emprep story show ") == ["s1", "s2"]
    assert offered("emprep story show s", shell="zsh") == [
        '_arguments \'*: :(("s1":"Rescuing the grading launch"',
        '"s2":"The reorg nobody wanted"))\'',
    ]
    other = tmp_path / "other.toml"
    assert offered(f"emprep --progress {other} story show ") == []
    progress.write_text("this is not toml [\n")
    assert offered("emprep story show ") == []


def test_zsh_and_fish_describe_each_value_in_emprep_s_words() -> None:
    """The descriptions went through typer as rich markup, which emprep's help is not: "[default:
    config count, or 5]" was dropped as a tag ("Questions a day ."); zsh's code wrote `'` as
    `''` in a single-quoted word, so zsh showed "Todays drill" and "Courseras values"."""
    assert offered("emprep drill --co", shell="zsh") == [
        '_arguments \'*: :(("--count":"Questions a day [default\\\\: config count, or 5]."))\''
    ]
    assert offered("emprep drill --mo", shell="zsh") == [
        "_arguments '*: :((\"--more\":\"Today'\\''s drill is done\\\\: the reviews due it left, "
        "then more practice.\"))'"
    ]
    assert offered("emprep drill --co", shell="fish") == [
        "--count\tQuestions a day [default: config count, or 5]."
    ]
    assert offered("emprep note rec-mission", shell="fish") == [
        "rec-mission-values\tWhich of Coursera's values resonates most with you, and how…"
    ]


@contextmanager
def _zsh(folder: Path) -> Iterator[pexpect.spawn]:
    """A person's zsh in `folder`, with compinit and the script as the README has them."""
    bin_dir = str(Path(installed_emprep()).parent)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "ZDOTDIR": str(folder)}
    zsh = pexpect.spawn(
        "zsh",
        ["-f", "-i"],
        env=env,
        cwd=folder,
        encoding="utf-8",
        timeout=PTY_TIMEOUT,
        dimensions=(24, 120),
    )
    try:
        zsh.sendline("PS1='z> '; autoload -Uz compinit && compinit -u -d " + str(folder / "dump"))
        zsh.expect_exact("z> ")
        zsh.sendline('eval "$(emprep completion zsh)"')
        zsh.expect_exact("z> ")
        yield zsh
    finally:
        zsh.close(force=True)


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_a_tab_in_zsh_shows_the_words_as_written(tmp_path: Path) -> None:
    """A person's zsh, with compinit and the script as the README has them: what it lists."""
    star = ["--situation", "s", "--task", "t", "--action", "a", "--result", "r"]
    for title in ('The VP\'s "quiet" reorg [draft]', "Second", 'Builds off C:\\ to "D:\\"'):
        add = [installed_emprep(), "story", "add", "--title", title, *star]
        subprocess.run(add, check=True, capture_output=True)
    with _zsh(tmp_path) as zsh:
        zsh.send("emprep drill --\t")
        zsh.expect_exact("--count   -- Questions a day [default: config count, or 5].")
        zsh.expect_exact("--more    -- Today's drill is done: the reviews due it left")
        zsh.send("\x15")  # Ctrl-U: the line typed so far goes
        zsh.send("emprep story show s\t")
        zsh.expect_exact('s1  -- The VP\'s "quiet" reorg [draft]')
        zsh.expect_exact("s2  -- Second")
        zsh.expect_exact('s3  -- Builds off C:\\ to "D:\\"')


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_offers_no_file_where_emprep_takes_none(tmp_path: Path) -> None:
    """After a question id, `note` takes nothing more, but a second Tab put the folder's file
    on the line (typer sends `_files` when it has nothing to offer); a value that is a file,
    `--from FILE`, is still completed as one."""
    (tmp_path / "zfile.txt").write_text("")
    with _zsh(tmp_path) as zsh:
        zsh.send("emprep note rec-why-cou\t")
        zsh.expect_exact("emprep note rec-why-coursera")  # and a space, drawn in bold
        zsh.send("\t")
        zsh.send("\x15")  # Ctrl-U: the line typed so far goes
        zsh.sendline("print -r -- END$((1+1))")  # drawn after whatever the Tab drew
        zsh.expect_exact("END2")
        assert "zfile" not in zsh.before
        zsh.expect_exact("z> ")
        zsh.send("emprep note rec-why-coursera --from z\t")
        zsh.expect_exact("--from zfile.txt")


def test_a_backslash_in_a_story_title_is_written_for_zsh_as_a_backslash() -> None:
    """A backslash went to zsh as it was: before a quote (`"D:\\"`) it escaped the quote
    that closes the description, and zsh said `(eval):1: unmatched "` at every Tab on
    `story show`, offering no story at all. It is doubled for the string and for
    `_arguments`, so zsh shows the title as written."""
    title = r'Builds off C:\ to "D:\"'
    args = ["story", "add", "--title", title, "--situation", "s", "--task", "t"]
    args += ["--action", "a", "--result", "r"]
    subprocess.run([installed_emprep(), *args], check=True, capture_output=True)
    assert offered("emprep story show s", shell="zsh") == [
        r"""_arguments '*: :(("s1":"Builds off C\\:\\\\ to \"D\\:\\\\\""))'"""
    ]


def test_a_pack_that_does_not_load_offers_nothing_and_says_nothing(tmp_path: Path) -> None:
    assert offered(f"emprep --data {tmp_path} questions ") == []


def test_the_script_for_an_unknown_shell_is_refused() -> None:
    done = subprocess.run(
        [installed_emprep(), "completion", "tcsh"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr == (
        "emprep: error: Invalid value for 'SHELL': 'tcsh' is not one of 'bash', 'zsh', "
        "'fish', 'powershell' (see 'emprep completion --help')\n"
    )


def test_a_shell_or_a_format_in_capitals_is_read_as_lower_case(isolated: Path) -> None:
    """`BASH`, `JSON`: every id, rating and round is read in any case, and no two shells or
    formats differ by case alone, so a word in capitals is refused for nothing."""
    assert run("completion", "BASH").stdout == run("completion", "bash").stdout
    assert run("completion", "Zsh").code == 0
    assert (
        run("questions", "--format", "JSON").stdout == run("questions", "--format", "json").stdout
    )
    assert (
        run("questions", "--format", "Markdown").stdout == run("questions", "--format", "md").stdout
    )


@contextmanager
def bash_with_completion(cwd: Path | None = None) -> Iterator[pexpect.spawn]:
    """A person's bash (in `cwd`), with the script sourced as the README says, at its prompt."""
    bin_dir = str(Path(installed_emprep()).parent)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "PS1": "$ ", "TERM": "dumb"}
    bash = pexpect.spawn(
        "bash",
        ["--norc", "--noprofile", "-i"],
        cwd=None if cwd is None else str(cwd),
        env=env,
        encoding="utf-8",
        timeout=PTY_TIMEOUT,
        dimensions=(24, 100),
    )
    try:
        bash.expect_exact("$ ")
        bash.sendline('eval "$(emprep completion bash)"')
        bash.expect_exact("$ ")
        yield bash
    finally:
        bash.sendline("exit")
        bash.close(force=True)


def test_a_tab_in_bash_completes_a_question_id() -> None:
    """A person's bash, with the script sourced as the README says."""
    with bash_with_completion() as bash:
        bash.send("emprep questions rec-sa\t")
        bash.expect_exact("emprep questions rec-salary-expectations ")
        bash.sendline("")
        bash.expect_exact("What are your salary expectations?")
        bash.expect_exact("$ ")


def test_config_set_offers_the_tracks_and_the_weekdays() -> None:
    """`config set track <Tab>` and `config set rest-days <Tab>` offered the files of the
    folder (bash's fallback when emprep offers nothing); a weekday after a comma, the days not
    typed yet."""
    assert offered("emprep config set track ") == ["remote", "hub"]
    assert offered("emprep config set track h") == ["hub"]
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert offered("emprep config set rest-days ") == [*days, "weekend", "weekdays"]
    assert offered("emprep config set rest-days w") == ["wed", "weekend", "weekdays"]
    assert offered("emprep config set rest-days sat,") == [f"sat,{d}" for d in days if d != "sat"]
    assert offered("emprep config set rest-days sat,s") == ["sat,sun"]
    assert offered("emprep config set count ") == []


def test_a_tab_in_bash_completes_a_track_not_a_file(tmp_path: Path) -> None:
    """In a folder with files, `config set track <Tab>` completed a file name."""
    (tmp_path / "hub-notes.txt").write_text("")
    with bash_with_completion(tmp_path) as bash:
        bash.send("emprep config set track h\t")
        bash.expect_exact("emprep config set track hub ")
        bash.sendline("")
        bash.expect_exact("track = hub")
        bash.expect_exact("$ ")
