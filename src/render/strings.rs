//! The scripts' interface text in the site's language: the locale's `[js]` and `[quiz]`
//! tables (with `[translations]` over them) appended to `strings.js` and `quiz-strings.js`
//! as `StudysiteStrings.add({lang: {…}})`, so the quiz page loads its strings only where
//! it is used and English stays the scripts' fallback. An English site without
//! overrides gets the files unchanged.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::util::js_json_parse;

/// Appends the site's tables to the scripts that hold the English ones.
pub(super) fn add_tables(sources: &mut BTreeMap<String, Vec<u8>>, config: &Config) {
    let strings = config.strings();
    let lang = config.language.to_ascii_lowercase();
    for (file, table) in [("strings.js", &strings.js), ("quiz-strings.js", &strings.quiz)] {
        if table.is_empty() {
            continue;
        }
        let Some(bytes) = sources.get_mut(file) else { continue };
        let mut code = String::from("\nwindow.StudysiteStrings&&window.StudysiteStrings.add(");
        let tables: BTreeMap<&str, _> = [(lang.as_str(), table)].into_iter().collect();
        js_json_parse(&tables, &mut code);
        code.push_str(");\n");
        bytes.extend_from_slice(code.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> BTreeMap<String, Vec<u8>> {
        [("strings.js", "/*s*/"), ("quiz-strings.js", "/*q*/")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn an_english_site_keeps_the_scripts_as_they_are() {
        let mut s = sources();
        add_tables(&mut s, &Config::default());
        assert_eq!(s, sources());
    }

    #[test]
    fn another_language_adds_its_tables_escaped() {
        let mut s = sources();
        let config = Config {
            language: "de".into(),
            translations: toml::from_str("quiz_start = \"</script>Los\"").unwrap(),
            ..Config::default()
        };
        add_tables(&mut s, &config);
        let js = String::from_utf8(s["strings.js"].clone()).unwrap();
        assert!(js.starts_with("/*s*/\nwindow.StudysiteStrings&&window.StudysiteStrings.add(JSON.parse('{\"de\":{"));
        assert!(js.contains("Antwort"), "{js}");
        let quiz = String::from_utf8(s["quiz-strings.js"].clone()).unwrap();
        assert!(quiz.contains("\\u003c/script\\u003eLos"), "{quiz}");
        assert!(!quiz.contains("</script>"));
    }
}
