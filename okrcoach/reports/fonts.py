"""A CJK-capable font for matplotlib, even when its font cache is stale.

matplotlib lists the system's fonts once, into a cache, the first time it runs. A CJK font
installed afterwards (the usual order on a new laptop and on CI) is not in that list, so a
family-name fallback finds nothing and every Chinese character is drawn as an empty box.
``cjk_font()`` therefore also looks on disk, in the usual font folders of Linux, macOS and
Windows, for known CJK font files (and then for any font whose character map has 中),
registers the first one with ``fontManager.addfont`` and returns its family name. When there
is none it says so once, in one line with the install hint, instead of drawing boxes.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("okrcoach")

FONT_DIRS_ENV = "OKRCOACH_FONT_DIRS"  # extra folders (os.pathsep-separated), searched first
INSTALL_HINT = ("apt-get install fonts-wqy-microhei (Debian/Ubuntu), dnf install wqy-microhei-fonts (Fedora); "
                "macOS and Windows ship one")
# family names, best first: all of them cover simplified Chinese and Latin
CJK_FAMILIES = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
                "Source Han Sans CN", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "SimHei", "Heiti SC",
                "STHeiti", "Noto Sans CJK JP", "Source Han Sans", "Droid Sans Fallback", "AR PL UMing CN",
                "Arial Unicode MS")
# file names (lower case, prefixes) of those families, so a folder scan can skip reading every font
CJK_FILE_PREFIXES = ("wqy-microhei", "wqy-zenhei", "notosanscjk", "notoserifcjk", "notosanssc", "sourcehansans",
                     "sourcehanserif", "pingfang", "hiragino sans gb", "hiraginosansgb", "msyh", "simhei", "simsun",
                     "stheiti", "droidsansfallback", "uming", "ukai", "arial unicode")
FONT_SUFFIXES = (".ttf", ".ttc", ".otf")
PROBE = "中"
MAX_PROBED_FILES = 600  # reading a font's character map costs ~1 ms; bound the fallback scan

_found: str | None | bool = False  # False: not looked yet; None: looked, none found
_warned = False


def font_dirs(extra: list[str | Path] | None = None) -> list[Path]:
    """Folders to search, in order: ``extra``, ``$OKRCOACH_FONT_DIRS``, then the platform's usual ones."""
    home = Path.home()
    dirs: list[Path] = [Path(d) for d in (extra or [])]
    dirs += [Path(d) for d in os.environ.get(FONT_DIRS_ENV, "").split(os.pathsep) if d]
    dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local/share/fonts", home / ".fonts",
             Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    windir = os.environ.get("WINDIR") or ("C:\\Windows" if sys.platform == "win32" else None)
    if windir:
        dirs.append(Path(windir) / "Fonts")
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft/Windows/Fonts")
    return dirs


def _font_files(dirs: list[Path]) -> list[Path]:
    out = []
    for d in dirs:
        if not d.is_dir():
            continue
        for root, _, files in os.walk(d):
            out += [Path(root) / f for f in sorted(files) if f.lower().endswith(FONT_SUFFIXES)]
    return out


def has_glyph(path: str | Path, char: str = PROBE) -> bool:
    """Whether the font file maps ``char`` to a glyph (its first face, for a .ttc)."""
    from matplotlib import ft2font

    try:
        return ord(char) in ft2font.FT2Font(str(path)).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False


def _register(path: Path) -> str | None:
    """Add a font file to matplotlib's font list (whatever its cache says); its family name."""
    from matplotlib import font_manager

    if not has_glyph(path):
        return None
    try:
        font_manager.fontManager.addfont(str(path))
        clear = getattr(font_manager.fontManager._findfont_cached, "cache_clear", None)
        if clear:  # a lookup made before the font was added must not be reused
            clear()
        return font_manager.FontProperties(fname=str(path)).get_name()
    except (OSError, RuntimeError, ValueError):
        return None


def _cached_family() -> str | None:
    """A known CJK family that matplotlib's font list already has (and whose file still exists)."""
    from matplotlib import font_manager

    known = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in known and os.path.exists(known[family]) and has_glyph(known[family]):
            return family
    return None


def find_cjk_font(extra_dirs: list[str | Path] | None = None, use_cache: bool = True) -> tuple[str, str] | None:
    """``(family, file)`` of a CJK font, registered with matplotlib; ``None`` if the machine has none.

    Order: matplotlib's cached list (``use_cache``), known CJK file names in :func:`font_dirs`,
    then any font file in those folders whose character map has 中.
    """
    from matplotlib import font_manager

    if use_cache:
        family = _cached_family()
        if family:
            return family, str(font_manager.findfont(family, fallback_to_default=False))
    files = _font_files(font_dirs(extra_dirs))
    known = [f for f in files if f.name.lower().startswith(CJK_FILE_PREFIXES)]
    for path in known + [f for f in files if f not in known][:MAX_PROBED_FILES]:
        family = _register(path)
        if family:
            return family, str(path)
    return None


def cjk_font() -> str | None:
    """The CJK family charts use (looked up once per process); ``None`` after one logged line if none."""
    global _found, _warned
    if _found is False:
        hit = find_cjk_font()
        _found = hit[0] if hit else None
    if _found is None and not _warned:
        _warned = True
        log.warning("okrcoach: no Chinese (CJK) font found, so chart text in Chinese cannot be drawn; install one, "
                    "e.g. %s", INSTALL_HINT)
    return _found


def reset() -> None:
    """Forget the lookup (tests, or after installing a font in a running notebook)."""
    global _found, _warned
    _found, _warned = False, False
