"""SVG bar charts: parsed as XML, they name themselves, carry every figure in text, and scale the bars."""

import xml.etree.ElementTree as ET

from reports.charts import bar_chart

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - markup built by the code under test


def test_a_chart_is_an_image_with_a_title_and_every_figure_in_its_label():
    svg = parse(bar_chart("Applications by status", [("Screening", 3), ("Accredited", 12)]))
    assert svg.tag == f"{NS}svg" and svg.get("role") == "img"
    assert svg.find(f"{NS}title").text == "Applications by status"
    assert svg.get("aria-label") == "Applications by status. Screening: 3; Accredited: 12"
    bars = [float(rect.get("width")) for rect in svg.iter(f"{NS}rect")]
    assert len(bars) == 2 and bars[1] > bars[0] and abs(bars[0] / bars[1] - 3 / 12) < 0.01
    texts = [text.text for text in svg.iter(f"{NS}text")]
    assert texts == ["Screening", "3", "Accredited", "12"]
    assert [title.text for title in svg.iter(f"{NS}title")][1:] == ["Screening: 3", "Accredited: 12"]


def test_labels_are_escaped_and_long_ones_shortened_with_the_full_text_kept():
    label = "Research & <b>development</b> in a rather long category name"
    svg = parse(bar_chart("Fields", [(label, 2.5)], unit=" d"))
    assert f"{label}: 2.5 d" in svg.get("aria-label")
    shown = [text.text for text in svg.iter(f"{NS}text")]
    assert shown[0].endswith("…") and len(shown[0]) == 30 and shown[1] == "2.5 d"
    assert [title.text for title in svg.iter(f"{NS}title")][1] == f"{label}: 2.5 d"


def test_an_empty_chart_says_so():
    svg = parse(bar_chart("Overdue tasks", [], empty="No data yet."))
    assert svg.get("aria-label") == "Overdue tasks. No data yet."
    assert [text.text for text in svg.iter(f"{NS}text")] == ["No data yet."]
    assert not list(svg.iter(f"{NS}rect"))


def test_zero_values_draw_no_bar_but_keep_their_figure():
    svg = parse(bar_chart("Reviews", [("On time", 0), ("Late", 0)]))
    assert [rect.get("width") for rect in svg.iter(f"{NS}rect")] == ["0.0", "0.0"]
    assert "On time: 0; Late: 0" in svg.get("aria-label")
