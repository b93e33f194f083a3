"""`workshop start`: the learner's copy, with each region's functions stubbed."""

import ast

import httpx2
import pytest

from tests.servers import ROOT, running_server
from tests.workshop_support import STEPS
from workshop.copies import start
from workshop.regions import find_exercises


def function_bodies(source: str) -> dict[str, str]:
    tree = ast.parse(source)
    return {
        node.name: ast.unparse(node.body)
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.name)
def test_start_copies_the_app_files_and_not_the_tests(layout, step):
    step = layout.step(step.name)

    start(layout, step)

    copied = sorted(path.name for path in step.workspace.iterdir())
    assert copied == [path.name for path in step.app_files()]
    assert not (step.workspace / "tests").exists()


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.name)
def test_start_replaces_each_region_function_with_a_stub_naming_its_exercise(
    layout, step
):
    step = layout.step(step.name)

    start(layout, step)

    for region in find_exercises(layout, step):
        bodies = function_bodies((step.workspace / region.file.name).read_text())
        for function in region.functions:
            body = bodies[function.name]
            assert f"raise NotImplementedError(\"Exercise '{region.name}'" in body
            assert step.docs_page in body
            assert ast.unparse(function.body) != body


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.name)
def test_start_keeps_signatures_decorators_and_docstrings(layout, step):
    step = layout.step(step.name)

    start(layout, step)

    for region in find_exercises(layout, step):
        copy = ast.parse((step.workspace / region.file.name).read_text())
        stubs = {node.name: node for node in copy.body if hasattr(node, "args")}
        for function in region.functions:
            stub = stubs[function.name]
            assert ast.dump(stub.args) == ast.dump(function.args)
            assert ast.dump(stub.returns) == ast.dump(function.returns)
            assert [ast.dump(d) for d in stub.decorator_list] == [
                ast.dump(d) for d in function.decorator_list
            ]
            assert ast.get_docstring(stub) == ast.get_docstring(function)


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.name)
def test_start_leaves_files_without_exercises_byte_for_byte(layout, step):
    step = layout.step(step.name)
    files_with_exercises = {region.file for region in find_exercises(layout, step)}

    start(layout, step)

    for path in step.app_files():
        if path not in files_with_exercises:
            assert (step.workspace / path.name).read_bytes() == path.read_bytes()


def test_start_drops_the_comments_inside_a_function_body_with_its_code(layout):
    step = layout.step("01")

    start(layout, step)

    copy = (step.workspace / "passwords.py").read_text()
    assert "Such a password was never registered" not in copy
    assert "password_context.verify_and_update" not in copy


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.name)
def test_a_stubbed_copy_starts_under_uvicorn_with_every_route(layout, step, tmp_path):
    step = layout.step(step.name)
    start(layout, step)
    environment = {
        "DATABASE_URL": f"sqlite:///{(tmp_path / 'app.db').as_posix()}",
        "BCRYPT_ROUNDS": "4",
    }
    copy_app = ["main:app", "--app-dir", str(step.workspace)]
    reference_app = ["main:app", "--app-dir", str(step.folder)]

    with running_server(copy_app, ROOT, environment) as base_url:
        health = httpx2.get(f"{base_url}/health")
        copy_paths = httpx2.get(f"{base_url}/openapi.json").json()["paths"]
    with running_server(reference_app, ROOT, environment) as base_url:
        reference_paths = httpx2.get(f"{base_url}/openapi.json").json()["paths"]

    assert health.status_code == 200, health.text
    assert copy_paths == reference_paths


@pytest.mark.parametrize("name", ["1", "01", "01_passwords", "steps/01_passwords/"])
def test_a_step_is_found_by_its_number_with_or_without_zero_or_by_its_folder(
    layout, name
):
    assert layout.step(name).name == "01_passwords"


def test_start_of_an_unknown_step_is_refused_with_the_list_of_steps(layout, terminal):
    status = terminal.run(layout, "start", "99")

    assert status == 2
    assert "There is no step '99'" in terminal.errors
    assert ", ".join(step.name for step in STEPS) in terminal.errors


def test_start_prints_how_to_run_and_check_the_copy(layout, terminal):
    terminal.run(layout, "start", "1")

    assert "python -m uvicorn main:app --reload --app-dir" in terminal.output
    assert "workspace/01_passwords" in terminal.output
    assert "workshop check 01" in terminal.output


def test_start_refuses_to_overwrite_a_copy(layout, terminal):
    step = layout.step("01")
    start(layout, step)
    (step.workspace / "passwords.py").write_text("# my work\n")

    status = terminal.run(layout, "start", "01")

    assert status == 2
    assert "--force" in terminal.errors
    assert (step.workspace / "passwords.py").read_text() == "# my work\n"


def test_start_with_force_writes_a_fresh_copy_and_saves_the_old_one(layout, terminal):
    step = layout.step("01")
    start(layout, step)
    (step.workspace / "passwords.py").write_text("# my work\n")

    status = terminal.run(layout, "start", "01", "--force")

    assert status == 0
    assert "NotImplementedError" in (step.workspace / "passwords.py").read_text()
    saved = list((layout.workspace / ".backups").glob("*/01_passwords/passwords.py"))
    assert [path.read_text() for path in saved] == ["# my work\n"]
