"""`python -m workshop`, for when the `workshop` script is not on the PATH."""

from workshop.cli import main

raise SystemExit(main())
