"""``python -m deploy.demo``: load the demo data into intake (see deploy.demo.cli)."""

from deploy.demo.cli import main

raise SystemExit(main())
