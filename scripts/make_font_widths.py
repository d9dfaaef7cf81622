"""Regenerate src/tcpl/documents/metrics/times-widths.json from Liberation Serif.

Liberation Serif is metric-compatible with Times New Roman, so its advance widths give the
printed length of a line, which Decree 30 uses to size the short rules under the issuing
body, the Tiêu ngữ and the trích yếu. Developer tool: needs `pip install fonttools` and
Debian's fonts-liberation2. Run: python scripts/make_font_widths.py
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path("/usr/share/fonts/truetype/liberation2")
STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
OUT = Path(__file__).resolve().parents[1] / "src/tcpl/documents/metrics/times-widths.json"

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


def characters() -> list[str]:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    chars |= set("–—…“”‘’«»°§·•№")
    for base in VIET + VIET.upper():
        for tone in TONES:
            chars.add(unicodedata.normalize("NFC", base + tone))
    return sorted(c for c in chars if len(c) == 1)


def main() -> None:
    out: dict[str, object] = {"source": "Liberation Serif 2 (metric-compatible with Times New Roman)"}
    for key, suffix in STYLES.items():
        font = TTFont(FONTS / f"LiberationSerif-{suffix}.ttf")
        upm = font["head"].unitsPerEm
        cmap = font.getBestCmap()
        hmtx = font["hmtx"]
        widths = {}
        for ch in characters():
            glyph = cmap.get(ord(ch))
            if glyph is not None:
                widths[ch] = round(hmtx[glyph][0] / upm, 4)
        out[key] = widths
    OUT.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
