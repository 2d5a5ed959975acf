"""The SVG charts: well-formed, accessible, escaped, without inline styles."""

import xml.etree.ElementTree as ET

import pytest

from figures import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(str(svg))  # noqa: S314 - our own markup


def no_style_anywhere(root):
    return all("style" not in element.attrib for element in root.iter())


def test_a_chart_is_an_image_labelled_by_its_title_and_description():
    root = parse(
        charts.bar_chart(
            chart_id="figure-x",
            title="Empfehlungen",
            description="Balkendiagramm",
            categories=["2022", "2023"],
            series=[charts.Series("umgesetzt", (1, 2))],
        )
    )
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "figure-x-title figure-x-desc"
    assert root.find(f"{SVG}title").get("id") == "figure-x-title"
    assert root.find(f"{SVG}title").text == "Empfehlungen"
    assert root.find(f"{SVG}desc").get("id") == "figure-x-desc"
    assert no_style_anywhere(root)


def test_labels_are_escaped():
    nasty = '<script>alert("x")</script> & Co'
    root = parse(
        charts.line_chart(
            chart_id="figure-y",
            title=nasty,
            description=nasty,
            categories=[nasty, "2020"],
            series=[charts.Series(nasty, (1, 2)), charts.Series("B", (0, 1))],
        )
    )
    assert root.find(f"{SVG}title").text == nasty
    texts = ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]
    assert nasty in texts  # in the legend and along the bottom
    assert not list(root.iter(f"{SVG}script"))


def test_one_series_gets_a_bar_and_a_value_per_category_and_no_legend():
    root = parse(
        charts.bar_chart(
            chart_id="c",
            title="t",
            description="d",
            categories=["2021", "2022", "2023"],
            series=[charts.Series("umgesetzt", (3, 0, 7))],
        )
    )
    bars = [rect for rect in root.iter(f"{SVG}rect") if "chart-bar" in rect.get("class")]
    assert len(bars) == 2  # nothing to draw for 0
    values = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "chart-value"]
    assert values == ["3", "0", "7"]
    assert root.find(f".//{SVG}g[@class='chart-legend']") is None


def test_a_series_keeps_the_colour_it_asks_for():
    root = parse(
        charts.bar_chart(
            chart_id="c",
            title="t",
            description="d",
            categories=["2019"],
            series=[charts.Series("A", (1,), colour=3), charts.Series("B", (2,))],
            stacked=True,
        )
    )
    data = root.find(f".//{SVG}g[@class='chart-data']")
    assert [rect.get("class") for rect in data.iter(f"{SVG}rect")] == [
        "chart-bar chart-colour-4",
        "chart-bar chart-colour-2",
    ]


def test_stacked_bars_show_their_totals_and_each_series_in_its_colour():
    root = parse(
        charts.bar_chart(
            chart_id="c",
            title="t",
            description="d",
            categories=["2019", "2020"],
            series=[charts.Series("A", (1, 2)), charts.Series("B", (3, 0))],
            stacked=True,
        )
    )
    bars = [
        rect.get("class")
        for rect in root.find(f".//{SVG}g[@class='chart-data']").iter(f"{SVG}rect")
    ]
    assert bars == [
        "chart-bar chart-colour-1",
        "chart-bar chart-colour-2",
        "chart-bar chart-colour-1",
    ]
    values = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "chart-value"]
    assert values == ["4", "2"]
    legend = root.find(f".//{SVG}g[@class='chart-legend']")
    assert [text.text for text in legend.iter(f"{SVG}text")] == ["A", "B"]


def test_grouped_bars_stand_side_by_side():
    root = parse(
        charts.bar_chart(
            chart_id="c",
            title="t",
            description="d",
            categories=["2019"],
            series=[charts.Series("A", (1,)), charts.Series("B", (3,))],
        )
    )
    data = root.find(f".//{SVG}g[@class='chart-data']")
    first, second = (float(rect.get("x")) for rect in data.iter(f"{SVG}rect"))
    assert second > first


def test_a_reference_line_is_drawn_with_its_label():
    root = parse(
        charts.bar_chart(
            chart_id="c",
            title="t",
            description="d",
            categories=["2022\nNr. 9"],
            series=[charts.Series("Bewerbungen je Platz", (1.25,))],
            reference=charts.Reference(1, "eine Bewerbung je Platz"),
        )
    )
    lines = [
        line for line in root.iter(f"{SVG}line") if line.get("class") == "chart-reference-line"
    ]
    assert len(lines) == 2  # across the plot, and in the legend
    legend = root.find(f".//{SVG}g[@class='chart-legend']")
    texts = [text.text for text in legend.iter(f"{SVG}text")]
    assert texts == ["Bewerbungen je Platz", "eine Bewerbung je Platz"]
    category = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "chart-category")
    assert [span.text for span in category] == ["2022", "Nr. 9"]


def test_lines_have_a_marker_per_point_and_differ_by_shape():
    root = parse(
        charts.line_chart(
            chart_id="c",
            title="t",
            description="d",
            categories=["2019", "2020", "2021"],
            series=[charts.Series("A", (1, 2, 3)), charts.Series("B", (0, 1, 1))],
        )
    )
    data = root.find(f".//{SVG}g[@class='chart-data']")
    assert len(data.findall(f"{SVG}polyline")) == 2
    assert len(data.findall(f"{SVG}circle")) == 3
    assert len(data.findall(f"{SVG}rect")) == 3


def test_empty_values_still_draw_an_axis():
    root = parse(
        charts.bar_chart(
            chart_id="c",
            title="t",
            description="d",
            categories=["2020"],
            series=[charts.Series("A", (0,))],
        )
    )
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart-tick"]
    assert ticks == ["0", "1"]


@pytest.mark.parametrize(
    ("highest", "ticks"),
    [
        (0, [0, 1]),
        (3, [0, 1, 2, 3]),
        (12, [0, 5, 10, 15]),
        (37, [0, 10, 20, 30, 40]),
        (1.875, [0, 0.5, 1, 1.5, 2]),
    ],
)
def test_the_axis_has_round_ticks(highest, ticks):
    assert charts.nice_ticks(highest) == ticks


def test_many_categories_label_only_some():
    root = parse(
        charts.bar_chart(
            chart_id="c",
            title="t",
            description="d",
            categories=[str(year) for year in range(1990, 2030)],
            series=[charts.Series("A", tuple(range(40)))],
            value_labels=False,
        )
    )
    labels = [t for t in root.iter(f"{SVG}text") if t.get("class") == "chart-category"]
    assert 10 <= len(labels) <= 20
