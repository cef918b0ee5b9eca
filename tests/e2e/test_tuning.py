"""serving.streamlit_private.tune_runtime: the two patches take effect, and change no
message a browser gets."""

from __future__ import annotations

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import app_session, runtime
from websockets.sync.client import connect

from serving import streamlit_private

pytestmark = pytest.mark.e2e

THEME_SECTIONS = [
    ("theme", lambda m: m.custom_theme),
    ("theme.light", lambda m: m.custom_theme.light),
    ("theme.dark", lambda m: m.custom_theme.dark),
    ("theme.sidebar", lambda m: m.custom_theme.sidebar),
    ("theme.light.sidebar", lambda m: m.custom_theme.light.sidebar),
    ("theme.dark.sidebar", lambda m: m.custom_theme.dark.sidebar),
]


@pytest.fixture(scope="module")
def original_theme_builder():
    """Streamlit's own theme builder, as it was before tune_runtime replaced it."""
    build = app_session._populate_theme_msg
    return getattr(build, "original", build)


def test_the_runtime_loop_reads_the_flush_interval_that_is_patched():
    """If Streamlit renamed the constant, setting it would silently do nothing."""
    assert "MESSAGE_FLUSH_INTERVAL_SECS" in runtime.Runtime._loop_coroutine.__code__.co_names
    streamlit_private.tune_runtime()
    assert runtime.MESSAGE_FLUSH_INTERVAL_SECS == streamlit_private.FLUSH_INTERVAL_SECS < 0.005


def test_the_new_session_message_calls_the_patched_theme_builder():
    source_names = app_session.AppSession._create_new_session_message.__code__.co_names
    assert "_populate_theme_msg" in source_names
    streamlit_private.tune_runtime()
    assert getattr(app_session._populate_theme_msg, "memoized", False)


def test_tuning_twice_wraps_once():
    streamlit_private.tune_runtime()
    first = app_session._populate_theme_msg
    streamlit_private.tune_runtime()
    assert app_session._populate_theme_msg is first


@pytest.mark.parametrize(("section", "field"), THEME_SECTIONS, ids=[s for s, _ in THEME_SECTIONS])
def test_each_theme_section_is_byte_identical_to_streamlits(original_theme_builder, section, field):
    streamlit_private.tune_runtime()
    expected, actual = ForwardMsg(), ForwardMsg()
    original_theme_builder(field(expected.new_session), section)
    for _ in range(3):  # built once, then copied: every copy must be the same
        actual = ForwardMsg()
        app_session._populate_theme_msg(field(actual.new_session), section)
        assert actual.SerializeToString() == expected.SerializeToString()
        assert actual.new_session.HasField("custom_theme") == expected.new_session.HasField(
            "custom_theme"
        )


def first_new_session(base_url: str) -> ForwardMsg:
    with connect(
        f"{base_url.replace('http', 'ws')}/_stcore/stream", subprotocols=["streamlit"]
    ) as ws:
        request = BackMsg()
        request.rerun_script.SetInParent()
        ws.send(request.SerializeToString())
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(ws.recv(timeout=60))
            if reply.HasField("new_session"):
                return reply


def test_the_tuned_server_sends_the_same_theme_and_config_as_streamlit_run(server, plain_server):
    ours, theirs = first_new_session(server), first_new_session(plain_server)
    assert ours.new_session.custom_theme.primary_color == "#0072B2"  # config.toml applies
    assert (
        ours.new_session.custom_theme.SerializeToString()
        == theirs.new_session.custom_theme.SerializeToString()
    )
    assert ours.new_session.config.SerializeToString() == (
        theirs.new_session.config.SerializeToString()
    )


def test_runtime_patches_apply_to_this_streamlit_only():
    import streamlit

    assert streamlit_private.patches_apply(streamlit.__version__) is None
    assert "written for Streamlit 1.67.x" in streamlit_private.patches_apply("1.68.0")


def test_another_streamlit_is_served_unpatched(monkeypatch):
    import streamlit

    monkeypatch.setattr(streamlit, "__version__", "1.99.0")
    before = runtime.MESSAGE_FLUSH_INTERVAL_SECS
    assert streamlit_private.tune_runtime() is False
    assert before == runtime.MESSAGE_FLUSH_INTERVAL_SECS


def test_private_streamlit_names_are_used_only_in_streamlit_private():
    """Streamlit's internals are touched in one module; its wire protocol (streamlit.proto,
    what the pinned frontend speaks) is read by the guard and the warm-up only."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    app_code = [root / "app.py", *root.glob("pages/*.py"), *root.glob("kl_ui/**/*.py")]
    app_code += [*root.glob("serving/*.py"), root / "serve.py", root / "classroom.py"]
    protocol_readers = {"guard.py", "warmup.py"}
    offenders = []
    for path in app_code:
        if path.name == "streamlit_private.py":
            continue
        text = path.read_text()
        if re.search(r"streamlit\.(runtime|web|elements|delta_generator)\b|PagesManager", text):
            offenders.append(path.name)
        if "streamlit.proto" in text and path.name not in protocol_readers:
            offenders.append(path.name + " (protocol)")
    assert offenders == []


def test_pages_directory_mode_is_left_alone_on_another_version(monkeypatch):
    import streamlit
    from streamlit.runtime.pages_manager import PagesManager

    monkeypatch.setattr(PagesManager, "uses_pages_directory", True)
    monkeypatch.setattr(streamlit, "__version__", "1.99.0")
    assert streamlit_private.leave_pages_directory_mode() is False
    assert PagesManager.uses_pages_directory is True
    monkeypatch.undo()
    monkeypatch.setattr(PagesManager, "uses_pages_directory", True)
    assert streamlit_private.leave_pages_directory_mode() is True
    assert PagesManager.uses_pages_directory is False
