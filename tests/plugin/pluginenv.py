# SPDX-License-Identifier: GPL-2.0-or-later
"""tshark with the rcodex plugin under test loaded, for the plugin tests.

scripts/wireshark-with-plugin.sh gives tshark a plugin folder holding the
installed Wireshark's plugins and a copy of the built rcodex.so, and no
other rcodex.so; as root tshark runs as nobody (Wireshark ignores that
folder and personal plugins for root). Setting up checks with
tshark -G plugins that the copy is what tshark loads. Every file tshark
reads is copied into the work directory first (the checkout may not be
readable by nobody).
"""
import glob
import os
import shutil
import subprocess
import tempfile

COLUMNS = ["kind", "rcode", "rcode_name", "source", "condition", "ede",
           "tsig_error", "cookie_client", "cookie_server", "cookie_valid",
           "status"]

WITH_PLUGIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                           "..", "scripts", "wireshark-with-plugin.sh")


def as_flag(value):
    """A boolean field's value as tshark prints it, as "1"/"0": tshark 4.0
    prints 1/0, 4.2 and later True/False. Any other value is returned as
    is."""
    return {"True": "1", "False": "0"}.get(value, value)


class Tshark:
    """A work directory with the plugin set up; run() calls tshark with
    it loaded."""

    def __init__(self, plugin):
        self.work = tempfile.mkdtemp(prefix="rcodex-plugin-test.")
        os.chmod(self.work, 0o755)
        self.data = os.path.join(self.work, "data")
        os.makedirs(self.data)
        p = subprocess.run(["sh", WITH_PLUGIN, "setup", self.work, plugin],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"tshark does not load {plugin}:\n"
                               f"{p.stdout}{p.stderr}")
        print(p.stdout.strip(), flush=True)

    def add_file(self, path, name=None):
        """Copies a capture where tshark can read it; returns the copy."""
        dest = os.path.join(self.data, name or os.path.basename(path))
        shutil.copy(path, dest)
        os.chmod(dest, 0o644)
        return dest

    def path(self, name):
        return os.path.join(self.data, name)

    def command(self, args):
        return ["sh", WITH_PLUGIN, "run", self.work, "env", "LC_ALL=C.UTF-8",
                "tshark"] + list(args)

    def run(self, args, check=True):
        p = subprocess.run(self.command(args), capture_output=True,
                           text=True, errors="replace")
        if check and p.returncode != 0:
            raise RuntimeError(f"tshark {' '.join(args)} exited with "
                               f"{p.returncode}:\n{p.stderr}")
        return p

    def close(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def read_expectations(path):
    """Rows of a samples/<name>.expect.tsv, one per DNS message."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            row = dict(zip(["frame"] + COLUMNS, cols))
            row["frame"] = int(row["frame"])
            rows.append(row)
    return rows


def sample_captures(samples):
    """(capture, expectations) of every sample capture."""
    out = []
    for tsv in sorted(glob.glob(os.path.join(samples, "*.expect.tsv"))):
        base = tsv[:-len(".expect.tsv")]
        for ext in (".pcap", ".pcapng", ".pcap.gz", ".pcapng.gz"):
            if os.path.exists(base + ext):
                out.append((base + ext, tsv))
    if not out:
        raise RuntimeError(f"no sample captures with expectations in {samples}")
    return out

