# SPDX-License-Identifier: GPL-2.0-or-later
"""tshark with the rcodex plugin loaded, for the plugin tests.

Wireshark never loads personal plugins for root and ignores
WIRESHARK_PLUGIN_DIR there, so the plugin goes into the personal plugin
directory of a temporary HOME and, when the tests run as root, tshark runs
as nobody. Every file tshark reads is copied into that directory first (the
checkout may not be readable by nobody).
"""
import glob
import json
import os
import re
import shutil
import subprocess
import tempfile

COLUMNS = ["kind", "rcode", "rcode_name", "source", "condition", "ede",
           "tsig_error", "cookie_client", "cookie_server", "cookie_valid",
           "status"]


def wireshark_version_dir():
    out = subprocess.run(["tshark", "-v"], check=True, capture_output=True,
                         text=True).stdout
    m = re.search(r"\b(\d+)\.(\d+)\.\d+", out)
    if not m:
        raise RuntimeError("cannot read the Wireshark version from tshark -v")
    return f"{m.group(1)}.{m.group(2)}"


def as_flag(value):
    """A boolean field's value as tshark prints it, as "1"/"0": tshark 4.0
    prints 1/0, 4.2 and later True/False. Any other value is returned as
    is."""
    return {"True": "1", "False": "0"}.get(value, value)


class Tshark:
    """A temporary HOME with the plugin installed; run() calls tshark as a
    user that loads personal plugins."""

    def __init__(self, plugin):
        self.work = tempfile.mkdtemp(prefix="rcodex-plugin-test.")
        os.chmod(self.work, 0o755)
        self.home = os.path.join(self.work, "home")
        self.data = os.path.join(self.work, "data")
        plugdir = os.path.join(self.home, ".local", "lib", "wireshark",
                               "plugins", wireshark_version_dir(), "epan")
        os.makedirs(plugdir)
        os.makedirs(self.data)
        shutil.copy(plugin, os.path.join(plugdir, "rcodex.so"))
        self.as_root = os.geteuid() == 0
        self._fix_permissions()
        out = self.run(["-G", "plugins"]).stdout
        if "rcodex.so" not in out:
            raise RuntimeError(f"tshark did not load {plugin}:\n{out}")

    def _fix_permissions(self):
        subprocess.run(["chmod", "-R", "a+rX", self.work], check=True)
        if self.as_root:
            subprocess.run(["chown", "-R", "nobody:nogroup", self.home],
                           check=True)

    def add_file(self, path, name=None):
        """Copies a capture where tshark can read it; returns the copy."""
        dest = os.path.join(self.data, name or os.path.basename(path))
        shutil.copy(path, dest)
        os.chmod(dest, 0o644)
        return dest

    def path(self, name):
        return os.path.join(self.data, name)

    def command(self, args):
        env = ["env", f"HOME={self.home}",
               f"XDG_CONFIG_HOME={os.path.join(self.home, '.config')}",
               "LC_ALL=C.UTF-8"]
        prefix = []
        if self.as_root:
            prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup",
                      "--clear-groups"]
        return prefix + env + ["tshark"] + list(args)

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

