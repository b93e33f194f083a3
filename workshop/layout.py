"""Where things live: the steps, the learners' copies and the hints."""

from dataclasses import dataclass
from pathlib import Path

from workshop.errors import WorkshopError

# The repository this package was installed from with `pip install -e .`.
REPOSITORY = Path(__file__).resolve().parents[1]

HINTS_DIR = Path(__file__).resolve().parent / "hints"

# What a step folder keeps on disk while it runs: never copied, never compared.
LOCAL_STATE = ("app.db*", ".secret_key", ".env")


@dataclass(frozen=True)
class Step:
    name: str
    folder: Path
    workspace: Path

    @property
    def number(self) -> str:
        return self.name.split("_", 1)[0]

    @property
    def tests(self) -> Path:
        return self.folder / "tests"

    @property
    def docs_page(self) -> str:
        return f"docs/steps/{self.name}.md"

    def app_files(self) -> list[Path]:
        """The step's own files (not its tests, not its local state), sorted."""
        return sorted(
            path
            for path in self.folder.iterdir()
            if path.is_file() and not any(path.match(p) for p in LOCAL_STATE)
        )

    def python_files(self) -> list[Path]:
        return [path for path in self.app_files() if path.suffix == ".py"]


@dataclass(frozen=True)
class Layout:
    """The folders the tool works with; tests point them at temporary ones."""

    root: Path = REPOSITORY
    hints: Path = HINTS_DIR
    workspace: Path = REPOSITORY / "workspace"

    @classmethod
    def of_checkout(cls, root: Path) -> "Layout":
        return cls(root=root, workspace=root / "workspace")

    def steps(self) -> list[Step]:
        """Every folder of steps/ that holds a main.py, in reading order."""
        folders = sorted((self.root / "steps").glob("*/main.py"))
        return [
            Step(main.parent.name, main.parent, self.workspace / main.parent.name)
            for main in folders
        ]

    def step(self, wanted: str) -> Step:
        """Find a step by its number (`2`, `02`) or its folder name."""
        steps = self.steps()
        wanted = wanted.strip().rstrip("/\\").split("/")[-1].split("\\")[-1]
        for step in steps:
            if wanted == step.name or (
                wanted.isdigit()
                and step.number.isdigit()
                and int(wanted) == int(step.number)
            ):
                return step

        names = ", ".join(step.name for step in steps) or "none found"
        raise WorkshopError(
            f"There is no step {wanted!r}. Give a number or a name; the steps "
            f"are: {names}"
        )

    def previous(self, step: Step) -> Step | None:
        steps = self.steps()
        position = [each.name for each in steps].index(step.name)
        return steps[position - 1] if position > 0 else None
