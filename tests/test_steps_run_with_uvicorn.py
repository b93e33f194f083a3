"""Every step starts under uvicorn both ways a learner runs it, and serves its docs."""

import httpx2
import pytest

from tests.servers import ROOT, STEP_DIRS, running_server


@pytest.mark.parametrize("step_dir", STEP_DIRS, ids=lambda path: path.name)
def test_step_runs_from_the_repository_root_with_app_dir(step_dir, environment):
    arguments = ["main:app", "--app-dir", str(step_dir.relative_to(ROOT))]

    with running_server(arguments, ROOT, environment) as base_url:
        response = httpx2.get(f"{base_url}/health")

    assert response.status_code == 200, response.text


@pytest.mark.parametrize("step_dir", STEP_DIRS, ids=lambda path: path.name)
def test_step_runs_from_inside_its_folder(step_dir, environment):
    with running_server(["main:app"], step_dir, environment) as base_url:
        response = httpx2.get(f"{base_url}/health")

    assert response.status_code == 200, response.text


@pytest.mark.parametrize("step_dir", STEP_DIRS, ids=lambda path: path.name)
def test_step_serves_swagger_ui_and_its_openapi_schema(step_dir, environment):
    with running_server(["main:app"], step_dir, environment) as base_url:
        swagger = httpx2.get(f"{base_url}/docs")
        schema = httpx2.get(f"{base_url}/openapi.json")

    assert "swagger-ui" in swagger.text
    assert schema.json()["openapi"].startswith("3.")


@pytest.mark.parametrize("step_dir", STEP_DIRS, ids=lambda path: path.name)
def test_step_folder_has_a_readme(step_dir):
    assert (step_dir / "README.md").is_file()
