"""Web helpers shared by the tests: post a page's form as a browser would."""
from __future__ import annotations

from html.parser import HTMLParser


class FormReader(HTMLParser):
    """What a browser would post from a page's form: inputs, ticked boxes,
    the selected (or first) option of each select, textareas."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._first, self._textarea = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.values[name] = a.get("value", "y")
            else:
                self.values[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select, self._first = name, None
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = a.get("value", "")
                self.values.setdefault(self._select, self._first)
            if "selected" in a:
                self.values[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def browser_post(client, url, changes):
    reader = FormReader()
    reader.feed(client.get(url).get_data(as_text=True))
    # A list is a multiple choice (several values under one name), as a browser sends it.
    data = {**reader.values, **{k: [str(x) for x in v] if isinstance(v, list) else str(v) for k, v in changes.items()}}
    return client.post(url, data=data, follow_redirects=True)
