#!/usr/bin/env python3
"""A package README's program is the sample: the C# block after a `<!-- sample: PATH ... -->` marker must be the
file PATH to the byte, and the program, built from the packed packages, must print exactly the README's
"It prints:" block. So a README that drifts from its package fails ./test.sh.

usage: readme_sample.py README VERSION PACKAGES_DIR
"""
import difflib
import pathlib
import re
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent


def blocks(text, fence):
    return re.finditer(r"^```" + fence + r"\n(.*?)^```\n", text, re.S | re.M)


def main(readme_path, version, packages):
    readme = (root / readme_path).read_text(encoding="utf-8")
    marker = re.search(r"<!-- sample: (\S+)", readme)
    if not marker:
        sys.exit(f"{readme_path}: no `<!-- sample: PATH -->` marker before its program")
    sample = root / marker.group(1)
    code = next(blocks(readme[marker.end():], "csharp"), None)
    if code is None:
        sys.exit(f"{readme_path}: no ```csharp block after the sample marker")
    if sample.read_text(encoding="utf-8") != code.group(1):
        diff = difflib.unified_diff(sample.read_text(encoding="utf-8").splitlines(), code.group(1).splitlines(), str(sample), readme_path, lineterm="")
        sys.exit(f"{readme_path}: its program and {marker.group(1)} differ:\n" + "\n".join(diff))
    expected = next(blocks(readme[marker.end() + code.end():], "text"), None)
    if expected is None:
        sys.exit(f"{readme_path}: no ```text block of what the program prints")
    run = subprocess.run(
        ["dotnet", "run", "--project", str(sample.parent), f"-p:CdpRulesVersion={version}", "--packages", packages, "--nologo"],
        cwd=root / "samples", capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{marker.group(1)} failed ({run.returncode}):\n{run.stdout}{run.stderr}")
    if run.stdout != expected.group(1):
        diff = difflib.unified_diff(expected.group(1).splitlines(), run.stdout.splitlines(), readme_path + " (It prints)", "the program's output", lineterm="")
        sys.exit(f"{readme_path}: the program prints something else:\n" + "\n".join(diff))
    print(f"{readme_path}: the program is {marker.group(1)} and prints what the README says")


if __name__ == "__main__":
    main(*sys.argv[1:])
