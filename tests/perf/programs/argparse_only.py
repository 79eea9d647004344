"""The command-line baseline: Python starting and importing argparse, nothing else."""

import argparse  # noqa: F401
