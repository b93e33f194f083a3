"""The two terminals the tool writes to: results on stdout, problems on stderr."""

from rich.console import Console

# highlight=False: rich would otherwise colour numbers and quotes at random.
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)
