# SPDX-License-Identifier: GPL-2.0-or-later
"""rcreport(1) says what "rcreport --help" says: the same name line, every
option with the same words and no option that --help does not know, and
groff renders it without a warning.

Usage: test_man_page.py RCREPORT MAN_PAGE
"""
import os
import re
import shutil
import subprocess
import sys

OPTION_LINE = re.compile(r"^  (?:(-\S), )?(--[^\s=]+)(?:=(\S+))?  +(.*)$")


def words(text):
    return " ".join(text.split())


def help_text(rcreport):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    return subprocess.run([rcreport, "--help"], check=True, env=env,
                          capture_output=True, text=True).stdout


def help_options(help_out):
    """(flags as the man page shows them, description) per option line."""
    options = []
    for line in help_out.splitlines():
        m = OPTION_LINE.match(line)
        if not m:
            continue
        short, long_, argument, text = m.groups()
        flags = f"{short}, {long_}" if short else long_
        if argument:
            flags += f"={argument}"
        options.append((flags, words(text)))
    return options


def rendered(man_page):
    if not shutil.which("groff"):
        sys.exit("groff is not installed (Debian: groff-base)")
    result = subprocess.run(
        ["groff", "-man", "-ww", "-Tutf8", "-rLL=300n", "-P-cbou", man_page],
        capture_output=True, text=True, env=dict(os.environ, LC_ALL="C.UTF-8"))
    if result.returncode != 0 or result.stderr:
        sys.exit(f"groff complains about {man_page}:\n{result.stderr}")
    # groff renders "-" as U+2010 or U+2212 in UTF-8; compare as typed.
    return result.stdout.replace("\u2010", "-").replace("\u2212", "-")


def section(page, name):
    m = re.search(rf"^{name}\n(.*?)(?=^[A-Z][A-Z ]+\n|\Z)", page,
                  re.MULTILINE | re.DOTALL)
    if not m:
        sys.exit(f"the man page has no {name} section")
    return m.group(1)


def main():
    rcreport, man_page = sys.argv[1], sys.argv[2]
    help_out = help_text(rcreport)
    page = rendered(man_page)
    failures = []

    # "Usage:", "  rcreport [OPTION…] CAPTURE...", "", "Summary."
    summary = re.search(r"^Usage:\n  \S+ .*\n\n([A-Z].*)\.$", help_out,
                        re.MULTILINE)
    if not summary:
        sys.exit(f"no usage line and summary in rcreport --help:\n{help_out}")
    expected = summary.group(1)[0].lower() + summary.group(1)[1:]
    name = words(section(page, "NAME"))
    if name != f"rcreport - {words(expected)}":
        failures.append(f"NAME is '{name}', --help says "
                        f"'{summary.group(1)}'")

    options = help_options(help_out)
    if not options:
        sys.exit(f"no option lines in rcreport --help:\n{help_out}")
    man_options = words(section(page, "OPTIONS"))
    for flags, text in options:
        if f"{flags} {text}" not in man_options:
            failures.append(f"OPTIONS lacks '{flags}' with '{text}'")

    known = {flags.split("=")[0].split(", ")[-1] for flags, _ in options}
    for mentioned in sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]*",
                                           page))):
        if mentioned not in known:
            failures.append(f"the man page names {mentioned}, which "
                            "rcreport --help does not know")

    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"rcreport(1) matches --help: {len(options)} options")


if __name__ == "__main__":
    main()
