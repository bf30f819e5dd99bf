"""Write the sample bulletins to a folder to look at: python -m services.notify.bulletins OUT [zh|en]."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import MEDIA_TYPES, render
from .samples import sample_city_bulletin, sample_english_bulletin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path, help="folder to write bulletin.{html,docx,pdf} into")
    parser.add_argument("language", nargs="?", choices=("zh", "en"), default="zh")
    args = parser.parse_args()
    data = sample_city_bulletin() if args.language == "zh" else sample_english_bulletin()
    args.out.mkdir(parents=True, exist_ok=True)
    for fmt in MEDIA_TYPES:
        path = args.out / f"bulletin-{args.language}.{fmt}"
        path.write_bytes(render(data, fmt))  # type: ignore[arg-type]
        print(path)


if __name__ == "__main__":
    main()
