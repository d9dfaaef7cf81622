"""tcpl — plan-as-code for communes meeting the "đạt chuẩn tiếp cận pháp luật" standard.

The library is importable without the command line: `tcpl.api` holds the public functions.
"""

__version__ = "0.1.0"
