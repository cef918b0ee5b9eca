"""The outcome table's edit logic, without a browser."""

import pytest

from kl_ui.widgets.discrete_inputs import apply_table_edits

LABELS, P, Q = ["H", "T"], [0.5, 0.5], [0.9, 0.1]


def test_edit_a_cell_and_relabel():
    out = apply_table_edits(LABELS, P, Q, {"edited_rows": {0: {"P": 0.7, "outcome": "heads"}}})
    assert out == {"labels": "heads,T", "p": "0.7,0.5", "q": "0.9,0.1"}


def test_add_and_delete_rows_without_normalising():
    edits = {"added_rows": [{"outcome": "edge", "P": 0.1}], "deleted_rows": [1]}
    out = apply_table_edits(LABELS, P, Q, edits)
    assert out == {"labels": "H,edge", "p": "0.5,0.1", "q": "0.9,0"}


def test_fewer_than_two_outcomes_is_refused():
    assert apply_table_edits(LABELS, P, Q, {"deleted_rows": [0]}) == "Keep at least two outcomes."


def test_bad_cells_are_clipped_and_duplicate_labels_numbered():
    edits = {"edited_rows": {0: {"P": 7.0, "outcome": "T"}, 1: {"Q": "junk"}}}
    out = apply_table_edits(LABELS, P, Q, edits)
    assert out == {"labels": "T (1),T (2)", "p": "1,0.5", "q": "0.9,0"}


@pytest.mark.parametrize(
    "edits",
    [
        {"edited_rows": {999: {"P": 0.1}}},
        {"edited_rows": {"x": {"P": 0.1}}},
        {"edited_rows": {-1: {"P": 0.1}}},
        {"edited_rows": {0: "junk"}},
        {"deleted_rows": ["x"]},
        {"deleted_rows": [999]},
        {"deleted_rows": [1.5]},
        {"added_rows": ["junk"]},
        {"added_rows": [{"P": 0.1}] * 1000},
        {"edited_rows": []},
        "{not json",
        None,
    ],
    ids=range(12),
)
def test_tampered_edits_are_refused_with_a_message(edits):
    out = apply_table_edits(LABELS, P, Q, edits)
    assert isinstance(out, str)
    assert "could not be applied" in out
