//! The GitHub-style allow-list sanitiser for pages that contain raw HTML (ammonia).
//! Our own markup (callouts, questions, highlighted code) passes through it intact:
//! the allow-list adds exactly the elements and attributes the theme generates.

use std::sync::OnceLock;

use ammonia::Builder;

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
