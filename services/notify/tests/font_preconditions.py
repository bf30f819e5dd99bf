"""What the font tests need from the machine, checked rather than assumed.

``./xinbao test`` installs fonts-noto-cjk and poppler-utils with apt when it runs as root
(as CI does). There a missing font or tool is a broken setup and the test fails, saying
so; elsewhere (no root, so nothing was installed) it skips with the install command.
"""

from __future__ import annotations

import os
import shutil

import pytest

from shared import fonts


def setup_installs_system_packages() -> bool:
    return os.geteuid() == 0 or os.environ.get("CI") == "true"


def _unmet(message: str) -> None:
    if setup_installs_system_packages():
        pytest.fail(f"precondition: {message}, though the project's setup installs it")
    pytest.skip(message)


def require_cjk_font() -> None:
    """A CJK font is installed (``fc-list :lang=zh``) and :mod:`shared.fonts` finds it."""
    listed = fonts.fontconfig_cjk_files()
    if not listed:
        _unmet(f"no CJK font installed ({fonts.INSTALL_HINT})")
    assert fonts.cjk_face("sans") is not None, f"fc-list :lang=zh lists {listed[:3]} but no face found"


def require_tool(tool: str) -> str:
    """The path of a poppler tool (pdffonts, pdftoppm, pdftotext)."""
    path = shutil.which(tool)
    if path is None:
        _unmet(f"{tool} not installed (Debian: apt-get install poppler-utils)")
    assert path is not None
    return path
