"""The public USCC check: the code's form only (GB 32100-2015 and the office's rules), no login."""
from __future__ import annotations


def test_a_valid_code_is_confirmed_in_its_normal_form(app):
    html = app.test_client().get("/uscc/check/?code=12100000470095016q").get_data(as_text=True)
    assert "代码有效" in html and "<code>12100000470095016Q</code>" in html


def test_an_invalid_code_names_the_failed_check(app):
    html = app.test_client().get("/uscc/check/?code=12100000470095017U").get_data(as_text=True)
    assert "代码无效" in html and "第 17 位" in html
    client = app.test_client()
    client.get("/lang/en")
    html = client.get("/uscc/check/?code=1210000047009501").get_data(as_text=True)
    assert "Not a valid code" in html and "must have 18 characters, not 16" in html


def test_input_is_shown_escaped(app):
    html = app.test_client().get("/uscc/check/?code=<script>x</script>").get_data(as_text=True)
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html
