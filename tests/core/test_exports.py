"""The one CSV writer: UTF-8 with a byte-order mark, formula-safe text cells, numbers as they are, a download."""

from liaise.core.exports import csv_response, csv_text


def test_csv_text_has_a_bom_a_header_and_formula_safe_text_cells():
    text = csv_text(["name", "votes", "note"], [["=SUM(A1)", 3, "+cmd"], ["Zoë, Paris", -2, "@x"], ["-1", 0, ""]])
    assert text == '\ufeffname,votes,note\r\n\'=SUM(A1),3,\'+cmd\r\n"Zoë, Paris",-2,\'@x\r\n\'-1,0,\r\n'


def test_csv_response_is_a_download_the_browser_does_not_sniff():
    response = csv_response("board-questions.csv", ["a"], iter([["1"]]))
    assert (response["Content-Type"], response["Content-Disposition"], response["X-Content-Type-Options"]) == (
        "text/csv; charset=utf-8", 'attachment; filename="board-questions.csv"', "nosniff")
    assert response.content.decode("utf-8") == "\ufeffa\r\n1\r\n"
