"""Run the ``actionplan`` command as ``python -m actionplan``."""

from actionplan.cli import main

raise SystemExit(main())
