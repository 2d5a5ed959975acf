'use strict';
// Names for the inputs that the admin's scripts draw (issue 14, BITV):
// - the autocomplete boxes (Select2) hide the labelled <select> and show a
//   combobox and a search field of their own, without a name;
// - the filter of a "chooser" (filter_horizontal) has an icon with an
//   aria-label but no role, which screen readers ignore.
// - an inline's table that is wider than a phone scrolls sideways in its
//   box, which keyboard users could not reach without a tab stop.
// The boxes are drawn after the page has loaded and again when a row is
// added to an inline, hence the observer.
{
    function labelFor(select) {
        const label = select.id && document.querySelector('label[for="' + select.id + '"]');
        if (!label) {
            return null;
        }
        if (!label.id) {
            label.id = select.id + '_label';
        }
        return label;
    }

    function nameAutocompletes() {
        document.querySelectorAll('select.admin-autocomplete').forEach((select) => {
            const box = select.nextElementSibling;
            const label = labelFor(select);
            if (!box || !box.classList.contains('select2') || !label) {
                return;
            }
            box.querySelectorAll('[role="combobox"]').forEach((combobox) => {
                const shown = combobox.getAttribute('aria-labelledby') || '';
                if (!shown.split(' ').includes(label.id)) {
                    combobox.setAttribute('aria-labelledby', (label.id + ' ' + shown).trim());
                }
            });
            // The selected value, shown as a read-only text box of its own.
            box.querySelectorAll('[role="textbox"]').forEach((shown) => {
                if (!shown.hasAttribute('aria-labelledby')) {
                    shown.setAttribute('aria-labelledby', label.id);
                }
            });
            box.querySelectorAll('.select2-search__field').forEach((search) => {
                if (!search.hasAttribute('aria-labelledby')) {
                    search.setAttribute('aria-labelledby', label.id);
                }
            });
        });
        document.querySelectorAll('.search-label-icon[aria-label]:not([role])').forEach((icon) => {
            icon.setAttribute('role', 'img');
        });
    }

    function reachScrollingInlines() {
        document.querySelectorAll('.inline-group').forEach((group) => {
            const scrolls = group.scrollWidth > group.clientWidth + 1;
            if (scrolls && !group.hasAttribute('tabindex')) {
                const heading = group.querySelector('h2[id]');
                group.setAttribute('tabindex', '0');
                group.setAttribute('role', 'region');
                if (heading) {
                    group.setAttribute('aria-labelledby', heading.id);
                }
                group.dataset.reachable = 'scrolls';
            } else if (!scrolls && group.dataset.reachable) {
                group.removeAttribute('tabindex');
                group.removeAttribute('role');
                group.removeAttribute('aria-labelledby');
                delete group.dataset.reachable;
            }
        });
    }

    function start() {
        reachScrollingInlines();
        window.addEventListener('resize', reachScrollingInlines);
        document.addEventListener('formset:added', reachScrollingInlines);
        nameAutocompletes();
        new MutationObserver(nameAutocompletes).observe(document.body, {childList: true, subtree: true});
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}
