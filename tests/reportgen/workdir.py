#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A test case with a temporary folder that the unprivileged user the
tests run rcreport as can read."""
import os
import shutil
import tempfile
import unittest


class WorkDirCase(unittest.TestCase):
    prefix = "rcreport-test-"

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix=self.prefix)
        os.chmod(self.dir, 0o755)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, data):
        p = self.path(name)
        with open(p, "wb") as f:
            f.write(data)
        os.chmod(p, 0o644)
        return p
