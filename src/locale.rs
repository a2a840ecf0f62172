//! The theme's interface text by language, from `templates/strings.toml` (a leaf
//! module, so every stage may use it): the templates get a language's table as `ui`,
//! and the question markup written while parsing reads the same table. Only English
//! exists yet; a site's `language` picks its table once there are others.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One language's strings: key → text.
pub type Strings = BTreeMap<String, String>;

/// The language every other falls back to.
pub const DEFAULT: &str = "en";

const SOURCE: &str = include_str!("../templates/strings.toml");

fn all() -> &'static BTreeMap<String, Strings> {
    static ALL: OnceLock<BTreeMap<String, Strings>> = OnceLock::new();
    ALL.get_or_init(|| toml::from_str(SOURCE).expect("templates/strings.toml is a table of tables of strings"))
}

/// The strings for `language` (`de`, or `de-AT` falling back to `de`), else English.
pub fn strings(language: &str) -> &'static Strings {
    let all = all();
    let base = language.split('-').next().unwrap_or("");
    all.get(language)
        .or_else(|| all.get(base))
        .unwrap_or_else(|| &all[DEFAULT])
}

/// One string of a table; a key missing from it is a bug in the theme, which the tests
/// of every template and of the question markup would meet.
pub fn text<'t>(strings: &'t Strings, key: &str) -> &'t str {
    strings
        .get(key)
        .map_or_else(|| panic!("templates/strings.toml has no `{key}`"), String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_fall_back_to_their_base_then_to_english() {
        let en = strings(DEFAULT);
        assert_eq!(text(en, "show_answer"), "Show answer");
        assert_eq!(strings("en-GB"), en);
        assert_eq!(strings("xx"), en, "a language without a table falls back to English");
    }
}
