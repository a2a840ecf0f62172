//! GitBook's blocks, each tag on a line of its own: `{% tabs %}` / `{% tab title="Go" %}`
//! (content tabs), `{% code title="main.py" %}` (the code under its file name),
//! `{% embed url="…" %}` and `{% file src="…" %}` (a link, checked like any other; a
//! site that works offline embeds no player), `{% content-ref %}`, `{% stepper %}` /
//! `{% step %}` and `{% columns %}` / `{% column %}` (their content, without the tags),
//! each with its `{% end… %}`. `{% hint %}` is a callout ([`super::shortcodes`]). They
//! are paired like the colon containers ([`super::containers`]).

use super::containers::Fence;
use super::shortcodes::{arguments, tag};

/// A GitBook block tag line.
pub(super) fn fence(line: &str) -> Option<Fence<'_>> {
    let ("{%", name, args) = tag(line)? else {
        return None;
    };
    let (_, named) = arguments(args);
    let key = |k: &str| named.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    Some(match name {
        "tabs" => Fence::Tabs,
        "tab" => Fence::Tab {
            label: key("title").unwrap_or_default(),
        },
        "code" => match key("title") {
            Some(title) if !title.is_empty() => Fence::Titled { title },
            _ => Fence::Open {
                kind: None,
                title: None,
                fold: false,
            },
        },
        "content-ref" | "stepper" | "step" | "columns" | "column" => Fence::Open {
            kind: None,
            title: None,
            fold: false,
        },
        "embed" => {
            let href = key("url")?;
            Fence::Link {
                label: href.clone(),
                href,
            }
        }
        "file" => {
            let href = key("src")?;
            let label = href.rsplit('/').next().unwrap_or(&href).to_string();
            Fence::Link { href, label }
        }
        "endtabs" | "endtab" | "endcode" | "endcontent-ref" | "endstepper" | "endstep" | "endcolumns" | "endcolumn" => {
            Fence::Close
        }
        // What stood between an embed or file and its end is its caption, kept as text.
        "endembed" | "endfile" => Fence::Nothing,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_tags() {
        assert_eq!(fence("{% tabs %}"), Some(Fence::Tabs));
        assert_eq!(
            fence("{% tab title=\"Python 3\" %}"),
            Some(Fence::Tab {
                label: "Python 3".into()
            })
        );
        assert_eq!(
            fence("{% code title=\"main.py\" lineNumbers=\"true\" %}"),
            Some(Fence::Titled {
                title: "main.py".into()
            })
        );
        assert_eq!(
            fence("{% code overflow=\"wrap\" %}"),
            Some(Fence::Open {
                kind: None,
                title: None,
                fold: false
            })
        );
        assert_eq!(
            fence("{% embed url=\"https://youtu.be/x\" %}"),
            Some(Fence::Link {
                href: "https://youtu.be/x".into(),
                label: "https://youtu.be/x".into()
            })
        );
        assert_eq!(
            fence("{% file src=\"../.gitbook/assets/notes v2.pdf\" %}"),
            Some(Fence::Link {
                href: "../.gitbook/assets/notes v2.pdf".into(),
                label: "notes v2.pdf".into()
            })
        );
        for close in ["{% endtabs %}", "{% endtab %}", "{% endcode %}", "{% endcontent-ref %}"] {
            assert_eq!(fence(close), Some(Fence::Close), "{close}");
        }
        assert_eq!(fence("{% endembed %}"), Some(Fence::Nothing));
        for other in [
            "{% embed %}",
            "{% include \"x.md\" %}",
            "{{< tabs >}}",
            "{% tab %} x {% endtab %}",
        ] {
            assert_eq!(fence(other), None, "{other}");
        }
    }
}
