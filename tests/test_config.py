import json
import subprocess
import sys

import pytest

from dateline import config


def test_defaults_need_no_environment():
    values = config.load({})
    assert values["database_url"] == ""
    assert values["debug"] is False
    assert values["allowed_hosts"] == ["localhost", "127.0.0.1", "[::1]"]
    assert values["data_dir"].is_absolute()


def test_values_are_parsed_and_validated():
    values = config.load(
        {
            "DATELINE_DEBUG": "yes",
            "DATELINE_PORT": "9000",
            "DATELINE_ALLOWED_HOSTS": "a.example, b.example",
        }
    )
    assert values["debug"] is True
    assert values["port"] == 9000
    assert values["allowed_hosts"] == ["a.example", "b.example"]


@pytest.mark.parametrize(
    ("env", "value"),
    [("DATELINE_PORT", "-1"), ("DATELINE_DEBUG", "maybe"), ("DATELINE_DATABASE_URL", "mysql://x")],
)
def test_bad_values_name_the_variable(env, value):
    with pytest.raises(config.ConfigError, match=env):
        config.load({env: value})


def test_describe_masks_secrets_but_keeps_urls_readable():
    values = config.load(
        {
            "DATELINE_SECRET_KEY": "hunter2",
            "DATELINE_DATABASE_URL": "postgres://app:pw@db:5432/news",
        }
    )
    shown = {env: value for env, value, _ in config.describe(values)}
    assert shown["DATELINE_SECRET_KEY"] == "***"
    assert shown["DATELINE_DATABASE_URL"] == "postgres://app:***@db:5432/news"
    assert "hunter2" not in json.dumps(shown) and ":pw@" not in json.dumps(shown)


def test_every_option_is_documented_in_docs():
    from tests.paths import ROOT

    text = (ROOT / "docs" / "configuration.md").read_text()
    missing = [o.env for o in config.OPTIONS if o.env not in text]
    assert not missing, f"undocumented settings: {missing}"


def test_config_command_prints_effective_values(tmp_path):
    env = {"DATELINE_DATA_DIR": str(tmp_path), "DATELINE_SECRET_KEY": "s3cret", "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", "config", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    shown = json.loads(out)
    assert shown["DATELINE_DATA_DIR"] == str(tmp_path.resolve())
    assert shown["DATELINE_SECRET_KEY"] == "***"


def test_config_command_reports_bad_values(tmp_path):
    env = {"DATELINE_PORT": "zero", "PATH": ""}
    run = subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", "config"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "DATELINE_PORT" in run.stdout


def test_a_new_data_folder_is_its_owners_only(tmp_path):
    import stat

    data = tmp_path / "data"
    config.ensure_secret_key(data)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700  # the database lives here too
    assert stat.S_IMODE(config.secret_key_path(data).stat().st_mode) == 0o600
