"""A minimal client of Streamlit's real websocket protocol, for benchmarks and load tests.

It speaks what a browser speaks: protobuf ``BackMsg`` frames over the websocket at
``/_stcore/stream`` (subprotocol ``streamlit``), and reads ``ForwardMsg`` frames until
``script_finished``. Widgets are found by key: a keyed widget's id ends with its key.
A widget drawn inside an ``st.fragment`` reruns only its fragment, as in a browser: the
rerun request names the fragment (``fragment_id``) the widget's delta came from.
A live view (kl_ui.live) is driven as a browser drives it: its value is the dict of
handle values a release sends, as the view's ``release`` trigger; a :class:`Trigger`
sends another of a component's triggers (the home page map's ``navigate``). The URL
follows the server's query-parameter changes, as a browser's address bar does.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field

import websockets
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from kl_ui.live import RELEASE

# How each kind of widget carries its value in a WidgetState.
VALUE_FIELDS = {
    "slider": "double_array_value",
    "select_slider": "string_array_value",  # the chosen options, formatted as shown
    "text_input": "string_value",
    "number_input": "double_value",
    "number_input_int": "int_value",
    "radio": "int_value",
    "selectbox": "int_value",
    "button_group": "string_array_value",
    "checkbox": "bool_value",
    "button": "trigger_value",
    "toggle": "bool_value",
    "bidi_component": "json_trigger_value",  # a live view's release
}


@dataclass(frozen=True)
class Trigger:
    """A component trigger other than a live view's release: its name and value."""

    event: str
    value: object


@dataclass
class Session:
    """One browser-like session on one page."""

    base: str  # e.g. "ws://127.0.0.1:8501"
    page: str  # URL path of the page ("" for home)
    query: str = ""
    widgets: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (id, kind)
    fragments: dict[str, str] = field(default_factory=dict)  # key -> fragment id, if any
    ws: object = None
    bytes_received: int = 0
    exceptions: int = 0  # exception elements received (tracebacks shown to the user)
    exception_texts: list[str] = field(default_factory=list)
    last_status: str = ""  # how the last run finished, e.g. FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    last_elements: list = field(default_factory=list)  # the last run's new elements (protos)
    cookie: str | None = None  # e.g. "kl_replica=<32 hex>": the classroom's replica choice
    page_script_hash: str = ""  # the page the server ran, named as a browser names it

    async def open(self, timeout: float = 30.0) -> float:
        """Connect and run the page once; returns the time to script_finished."""
        self.ws = await websockets.connect(
            f"{self.base}/_stcore/stream",
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=timeout,
            additional_headers={"Cookie": self.cookie} if self.cookie else None,
        )
        return await self.rerun({}, timeout=timeout)

    async def rerun(self, values: dict[str, object], timeout: float = 30.0) -> float:
        """Send a rerun with widget `values` by key; wait for script_finished."""
        msg = self.rerun_message(values)
        self.last_elements = []
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        await asyncio.wait_for(self._until_finished(), timeout)
        return time.perf_counter() - start

    def rerun_message(self, values: dict[str, object]) -> BackMsg:
        """The BackMsg a browser sends to rerun with widget `values` (by key)."""
        msg = BackMsg()
        msg.rerun_script.SetInParent()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_name = self.page
        # A browser names the page it shows by the hash the server sent; a rerun that
        # names it only by URL path is taken for a page change, which drops the widget
        # states (a live view's release then finds none).
        msg.rerun_script.page_script_hash = self.page_script_hash
        fragments = {self.fragments.get(key, "") for key in values}
        if len(fragments) == 1:  # a change inside one fragment reruns that fragment only
            msg.rerun_script.fragment_id = fragments.pop()
        for key, value in values.items():
            widget_id, kind = self.widgets[key]
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = widget_id
            if kind == "bidi_component":  # the trigger a release sends, on its own id
                state.id = _make_trigger_id(widget_id, "events")
                event, value = (
                    (value.event, value.value) if isinstance(value, Trigger) else (RELEASE, value)
                )
                value = json.dumps([{"event": event, "value": value}])
            field_name = VALUE_FIELDS[kind]
            target = getattr(state, field_name)
            if field_name.endswith("array_value"):
                target.data.extend(value if isinstance(value, list) else [value])
            else:
                setattr(state, field_name, value)
        return msg

    async def _until_finished(self) -> None:
        while True:
            raw = await self.ws.recv()
            self.bytes_received += len(raw)
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                element = fm.delta.new_element
                self.last_elements.append(element)
                element_kind = element.WhichOneof("type")
                if element_kind == "exception":
                    self.exceptions += 1
                    self.exception_texts.append(
                        f"{element.exception.type}: {element.exception.message}"[:300]
                    )
                proto = getattr(element, element_kind)
                widget_id = getattr(proto, "id", "")
                if element_kind == "number_input" and proto.data_type == proto.INT:
                    element_kind = "number_input_int"
                if element_kind == "slider" and proto.type == proto.SELECT_SLIDER:
                    element_kind = "select_slider"
                if widget_id and "-" in widget_id:
                    key = widget_id.rsplit("-", 1)[-1]
                    self.widgets[key] = (widget_id, element_kind)
                    self.fragments[key] = fm.delta.fragment_id
            elif kind == "navigation":  # the page this run showed
                self.page_script_hash = fm.navigation.page_script_hash
            elif kind == "page_info_changed":  # the address bar follows the server
                self.query = fm.page_info_changed.query_string
            elif kind == "script_finished":
                status = fm.script_finished
                self.last_status = ForwardMsg.ScriptFinishedStatus.Name(status)
                if status == fm.FINISHED_EARLY_FOR_RERUN:
                    continue  # another run follows at once (e.g. the frame guard's rerun)
                if status not in (fm.FINISHED_SUCCESSFULLY, fm.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    raise RuntimeError(f"script finished with status {status}")
                return

    def numbers_shown(self) -> list[str]:
        """The numbers the last run drew, in order (e.g. ``"0.5108 nats"``): the metrics'
        values and the live views' readouts."""
        shown = []
        for element in self.last_elements:
            kind = element.WhichOneof("type")
            if kind == "metric":
                shown.append(element.metric.body)
            elif kind == "bidi_component" and element.bidi_component.json:
                readout = json.loads(element.bidi_component.json).get("readout", [])
                shown.extend(reading["text"] for reading in readout)
        return shown

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
