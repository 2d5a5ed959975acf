from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from asskomm.csv_export import csv_response
from figures.access import figures_staff_required
from figures.catalogue import BY_SLUG, FIGURES
from figures.forms import YearRangeForm


@figures_staff_required
def overview(request):
    form = YearRangeForm(request.GET or None)
    years = form.year_range()
    query = f"?{request.GET.urlencode()}" if form.is_bound and form.is_valid() else ""
    shown = []
    for figure in FIGURES:
        rows = figure.compute(years)
        shown.append(
            {
                "figure": figure,
                "chart": figure.draw(rows) if rows else "",
                "headings": [column.heading for column in figure.columns],
                "cells": figure.table(rows),
                "csv_url": reverse("figures:csv", kwargs={"figure": figure.slug}) + query,
            }
        )
    return render(request, "figures/overview.html", {"form": form, "figures": shown})


@figures_staff_required
def figure_csv(request, figure):
    found = BY_SLUG.get(figure)
    if found is None:
        raise Http404
    form = YearRangeForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # The overview says what is wrong, next to the field.
        return redirect(f"{reverse('figures:overview')}?{request.GET.urlencode()}")
    rows = found.compute(form.year_range())
    return csv_response(filename=found.filename, columns=found.columns, objects=rows)
