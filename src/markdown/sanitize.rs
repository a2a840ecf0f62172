//! The GitHub-style allow-list sanitiser for pages that contain raw HTML (ammonia).
//! Our own markup (callouts, questions, highlighted code) passes through it intact:
//! the allow-list adds exactly the elements and attributes the theme generates.
//!
//! It is also the one gate every rendered fragment passes on its way to a page or the
//! quiz data: [`SafeHtml`] is made only here, by [`gate`] (which decides, in this one
//! place, whether a fragment could carry raw HTML and so needs the sanitiser), by
//! [`SafeHtml::escape`] or by [`clean`]; the page, question and cheat-sheet fields the
//! templates and data writers print are `SafeHtml`, so no code path can hand them a
//! fragment that skipped it.

use std::sync::OnceLock;

use ammonia::Builder;

use super::held_code::HeldCode;
use super::raw_regions;

fn builder() -> &'static Builder<'static> {
    static B: OnceLock<Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = Builder::default();
        b.add_tags([
            "details",
            "summary",
            "fieldset",
            "legend",
            "label",
            "input",
            "button",
            "section",
            "aside",
            "mark",
            "kbd",
            "figure",
            "figcaption",
            "picture",
            "source",
        ])
        .add_generic_attributes(["class", "id", "role", "title", "lang", "dir", "hidden", "tabindex"])
        .add_generic_attribute_prefixes(["aria-", "data-"])
        .add_tag_attributes("input", ["type", "name", "value", "checked", "disabled"])
        .add_tag_attributes("button", ["type"])
        .add_tag_attributes("details", ["open"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("source", ["srcset", "media", "type"])
        .add_tag_attributes("ol", ["start", "type"])
        .filter_style_properties(
            [
                "text-align",
                "color",
                "background-color",
                "margin-left",
                "height",
                "border-color",
            ]
            .into_iter()
            .collect(),
        )
        .add_tags(super::math::MATHML_TAGS)
        .link_rel(None);
        for tag in super::math::MATHML_TAGS {
            b.add_tag_attributes(tag, super::math::MATHML_ATTRIBUTES);
        }
        b
    })
}

/// Sanitises an HTML fragment: no scripts, no event handlers, no `javascript:` URLs,
/// no frames.
pub fn clean(html: &str) -> String {
    builder().clean(html).to_string()
}

/// [`clean`] for a fragment whose highlighted code is `held` out of it: put back after
/// the sanitiser, or before it where a marker came out as text (`HeldCode::restore_sanitised`).
pub fn clean_held(html: String, held: &HeldCode) -> String {
    match held.restore_sanitised(clean(&html)) {
        Some(out) => out,
        None => clean(&held.restore(html)),
    }
}

/// HTML that is safe to put in a page: sanitised, escaped, or rendered from Markdown
/// without raw HTML in it (where every text and attribute value is escaped by the
/// renderer). Made only in this file; read it as a `&str`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct SafeHtml(String);

/// The gate: a fragment rendered by `RenderCx::render`, with whether that render met raw
/// HTML (`RenderCx::has_raw_html`). One with raw HTML is sanitised unless the site set
/// `unsafe_html`; one without is the renderer's own escaped output and passes as it is
/// (sanitising it would only cost time). This is the only place that decides.
///
/// `held` is the fragment's highlighted code, held out of it while it is sanitised
/// ([`super::held_code`]): put back either way.
///
/// `marked`: every piece of the author's HTML in `html` carries `raw_regions`' marks
/// (`RenderCx::raw_marked`), so only the blocks they are in need the sanitiser.
pub fn gate(html: String, had_raw_html: bool, unsafe_html: bool, held: &HeldCode, marked: bool) -> SafeHtml {
    if had_raw_html && !unsafe_html {
        if marked && let Some(out) = raw_regions::clean_parts(&html, held) {
            return SafeHtml(out);
        }
        SafeHtml(clean_held(raw_regions::strip(html), held))
    } else {
        SafeHtml(held.restore(raw_regions::strip(html)))
    }
}

impl SafeHtml {
    /// Text shown as text.
    pub fn escape(text: &str) -> SafeHtml {
        SafeHtml(crate::util::escape_html(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// Another safe fragment after this one.
    pub fn push(&mut self, other: &SafeHtml) {
        self.0.push_str(&other.0);
    }

    /// The theme's own change to safe markup (adding its classes, ids or wrappers,
    /// rebasing its links, shrinking it): `f` may only insert fixed or escaped markup.
    pub fn theme_edit(&mut self, f: impl FnOnce(&mut String)) {
        f(&mut self.0);
    }
}

impl std::ops::Deref for SafeHtml {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for SafeHtml {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for SafeHtml {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl std::fmt::Display for SafeHtml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn removes_scripts_handlers_and_javascript_urls() {
        let out = clean(
            r#"<p onclick="x()">a</p><script>alert(1)</script><img src=x onerror="alert(1)"><a href="javascript:alert(1)">l</a><iframe src="https://e.com"></iframe>"#,
        );
        assert!(!out.contains("script"), "{out}");
        assert!(!out.contains("onerror") && !out.contains("onclick"), "{out}");
        assert!(!out.contains("javascript"), "{out}");
        assert!(!out.contains("iframe"), "{out}");
        assert!(out.contains("<p>a</p>"));
    }

    #[test]
    fn keeps_theme_markup() {
        let html = r#"<div class="question" id="q-a" data-qid="a" data-kind="single"><fieldset class="q-choice"><legend>x</legend><label><input type="radio" name="q-a" value="0"> <span>y</span></label></fieldset><details class="q-answer"><summary>Show answer</summary><p>z</p></details><button type="button" class="q-check">Check</button><td style="text-align: center">c</td></div>"#;
        let out = clean(html);
        for needle in [
            "data-qid=\"a\"",
            "type=\"radio\"",
            "<details class=\"q-answer\">",
            "<summary>",
            "class=\"q-check\"",
        ] {
            assert!(out.contains(needle), "{needle} missing from {out}");
        }
    }
}
