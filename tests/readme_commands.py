#!/usr/bin/env python3
"""Runs every command the README shows, as written, from the repository's root, so a README that drifts
fails the build (./test.sh runs this).

- ```sh blocks: each command must exit 0; a trailing comment such as `# accepted=N rejected=M` is output the
  command must print. Commands that generate data get small inputs (`--events`, `--users` scaled down, and
  the comment's figures with them); the platform's first start (`dotnet run --project src/Cdp.Host`) runs with
  a small sample (CDP_SAMPLE_EVENTS, CDP_SAMPLE_USERS) in a HOME of its own, and must print its address and
  answer /health; `./test.sh` is this very run, and is not started again.
- ```text blocks: each `$ command` line is run and its output must be the lines that follow, exactly.

The commands run at the root itself; what they write there (`events.csv`, `data/`, both ignored by git) is
removed afterwards, and anything of those names that was there before is put aside first and back after.
"""
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SMALL = {"--events": "20000", "--users": "2000"}


def blocks(text):
    """(language, [lines]) for every fenced block."""
    found, language, lines = [], None, []
    for line in text.splitlines():
        fence = re.match(r"^```(\w*)\s*$", line)
        if fence and language is None:
            language, lines = fence.group(1) or "plain", []
        elif line.startswith("```") and language is not None:
            found.append((language, lines))
            language = None
        elif language is not None:
            lines.append(line)
    return found


WRITTEN = ("events.csv", "data")


def put_aside():
    """Moves what the commands would overwrite out of the way; the folder it went to."""
    aside = tempfile.mkdtemp(prefix="cdp-readme-aside-")
    for name in WRITTEN:
        if os.path.lexists(os.path.join(ROOT, name)):
            shutil.move(os.path.join(ROOT, name), os.path.join(aside, name))
    return aside


def put_back(aside):
    for name in WRITTEN:
        path = os.path.join(ROOT, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        elif os.path.lexists(path):
            os.remove(path)
        if os.path.lexists(os.path.join(aside, name)):
            shutil.move(os.path.join(aside, name), path)
    shutil.rmtree(aside, ignore_errors=True)


def shrink(words, scaled):
    """Small inputs for a command that generates data; `scaled` remembers each figure's stand-in for the comments after it."""
    words = list(words)
    for i, word in enumerate(words[:-1]):
        if word in SMALL and words[0].endswith("cdp") and "generate" in words:
            scaled[words[i + 1]] = SMALL[word]
            words[i + 1] = SMALL[word]
    return words


def run(words, cwd, env=None):
    result = subprocess.run(words, cwd=cwd, capture_output=True, text=True, env=env, timeout=900)
    return result.returncode, result.stdout, result.stderr


def first_start(words, cwd):
    """The platform on the embedded default: it must prepare its sample, print its address and serve /health."""
    home = tempfile.mkdtemp(prefix="cdp-readme-home-")
    env = dict(os.environ, HOME=home, CDP_SAMPLE_EVENTS="50000", CDP_SAMPLE_USERS="2000")
    env.pop("CDP_ADMIN_PASSWORD", None)
    env.pop("XDG_DATA_HOME", None)  # the default data folder follows it: keep the first start inside this HOME
    process = subprocess.Popen(words, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    output, address, deadline = [], None, time.time() + 600
    try:
        while time.time() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            output.append(line)
            match = re.search(r"listening on (http://\S+)", line)
            if match:
                address = match.group(1)
                break
        if address is None:
            return False, "no `listening on` line:\n" + "".join(output[-20:])
        with urllib.request.urlopen(address + "/health", timeout=30) as response:
            if response.status != 200:
                return False, f"/health answered {response.status}"
        if not any("first admin" in line for line in output):
            return False, "the first admin's password was not printed"
        return True, f"serving on {address}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
        shutil.rmtree(home, ignore_errors=True)


def main():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    cwd, aside = ROOT, put_aside()
    passed = failed = 0
    scaled = {}

    def verdict(ok, command, detail=""):
        nonlocal passed, failed
        passed, failed = passed + ok, failed + (not ok)
        print(("ok    " if ok else "FAIL  ") + command + ("" if ok else "\n" + detail))

    try:
        for language, lines in blocks(readme):
            if language == "sh":
                for line in lines:
                    if not line.strip() or line.lstrip().startswith("#"):
                        continue
                    lexer = shlex.shlex(line, posix=True, punctuation_chars=False)
                    lexer.whitespace_split, lexer.commenters = True, "#"
                    words = list(lexer)
                    comment = line[line.index("#") + 1:].strip() if "#" in line and not line.strip().startswith("#") else None
                    expected = comment if comment and "=" in comment else None
                    if words == ["./test.sh"]:
                        print("skip  ./test.sh (this is that run)")
                        continue
                    if words == ["dotnet", "run", "--project", "src/Cdp.Host"]:
                        ok, detail = first_start(words, cwd)
                        verdict(ok, line.split("#")[0].strip(), detail)
                        continue
                    words = shrink(words, scaled)
                    for figure, stand_in in scaled.items():
                        expected = expected.replace(figure, stand_in) if expected else expected
                    code, out, err = run(words, cwd)
                    ok = code == 0 and (expected is None or expected in out)
                    verdict(ok, " ".join(words), f"exit {code}, expected `{expected}`\nstdout: {out[-2000:]}\nstderr: {err[-2000:]}")
            elif language == "text":
                i = 0
                while i < len(lines):
                    if not lines[i].startswith("$ "):
                        i += 1
                        continue
                    command = lines[i][2:]
                    j = i + 1
                    while j < len(lines) and not lines[j].startswith("$ "):
                        j += 1
                    expected = "\n".join(lines[i + 1:j]).strip("\n")
                    code, out, err = run(shlex.split(command), cwd)
                    actual = out.strip("\n")
                    verdict(actual == expected, command, f"exit {code}\nexpected:\n{expected}\nactual:\n{actual}\nstderr: {err[-1000:]}")
                    i = j
    finally:
        put_back(aside)

    print(f"readme: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
