"""tcpl — plan-as-code for communes meeting the "đạt chuẩn tiếp cận pháp luật" standard.

The library is importable without the command line: `tcpl.api` holds the public functions
(load, score, gap, scan a tree, render documents).
"""

__version__ = "0.1.0"
