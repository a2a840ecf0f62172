//! The theme's interface text by language (a leaf module, so every stage may use it):
//! one file per language, `locales/<code>.toml`, embedded in the binary. Its `[ui]` table
//! is what the templates get as `ui` and what the question markup written while parsing
//! reads; its `[js]` and `[quiz]` tables are added to `strings.js` and `quiz-strings.js`
//! at build time (render/strings.rs), whose own English tables are the scripts' fallback.
//! A site's `[translations]` overrides any key; a key a locale lacks falls back to English.
//! Plural categories (CLDR, icu_plurals) and number formatting (icu_decimal) are here too.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};

use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale as IcuLocale;
use icu_plurals::{PluralCategory, PluralRules};

/// One table of strings: key → text.
pub type Strings = BTreeMap<String, String>;

/// The language every other falls back to.
pub const DEFAULT: &str = "en";

/// The built-in locales, by code (BCP 47, as `language` is written).
const SOURCES: &[(&str, &str)] = &[
    ("en", include_str!("../locales/en.toml")),
    ("de", include_str!("../locales/de.toml")),
    ("fr", include_str!("../locales/fr.toml")),
    ("es", include_str!("../locales/es.toml")),
    ("pt-BR", include_str!("../locales/pt-BR.toml")),
    ("it", include_str!("../locales/it.toml")),
    ("nl", include_str!("../locales/nl.toml")),
    ("pl", include_str!("../locales/pl.toml")),
    ("ru", include_str!("../locales/ru.toml")),
    ("uk", include_str!("../locales/uk.toml")),
    ("tr", include_str!("../locales/tr.toml")),
    ("ja", include_str!("../locales/ja.toml")),
    ("zh-CN", include_str!("../locales/zh-CN.toml")),
    ("ko", include_str!("../locales/ko.toml")),
    ("ar", include_str!("../locales/ar.toml")),
    ("he", include_str!("../locales/he.toml")),
];

/// The tables a locale file holds (`[meta]` aside).
pub const TABLES: [&str; 3] = ["ui", "js", "quiz"];

/// Languages written right to left (pages get `dir="rtl"`), with or without a locale.
const RTL: &[&str] = &["ar", "he", "fa", "ur", "ps", "sd", "yi", "dv", "ckb", "ug"];

/// One locale file.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Locale {
    pub meta: Strings,
    pub ui: Strings,
    pub js: Strings,
    pub quiz: Strings,
}

impl Locale {
    pub fn table(&self, name: &str) -> &Strings {
        match name {
            "ui" => &self.ui,
            "js" => &self.js,
            _ => &self.quiz,
        }
    }
    pub fn table_mut(&mut self, name: &str) -> &mut Strings {
        match name {
            "ui" => &mut self.ui,
            "js" => &mut self.js,
            _ => &mut self.quiz,
        }
    }
}

/// Built-in locale `i` of [`SOURCES`], parsed the first time it is asked for (a site
/// reads one language, not all sixteen).
fn parsed(i: usize) -> &'static Locale {
    static PARSED: [OnceLock<Locale>; SOURCES.len()] = [const { OnceLock::new() }; SOURCES.len()];
    PARSED[i].get_or_init(|| {
        let (code, text) = SOURCES[i];
        toml::from_str(text).unwrap_or_else(|e| panic!("locales/{code}.toml: {e}"))
    })
}

/// The built-in locale codes.
pub fn codes() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(c, _)| *c)
}

/// The built-in locale for `language`: the same code (any case), else one of the same
/// language (`de-AT` → `de`, `pt` → `pt-BR`), except Chinese in traditional script,
/// which simplified Chinese does not serve.
pub fn builtin(language: &str) -> Option<(&'static str, &'static Locale)> {
    let lower = language.to_ascii_lowercase();
    let found = |i: usize| Some((SOURCES[i].0, parsed(i)));
    if let Some(i) = SOURCES.iter().position(|(c, _)| c.to_ascii_lowercase() == lower) {
        return found(i);
    }
    let base = lower.split(['-', '_']).next().unwrap_or("");
    let traditional = base == "zh" && ["-tw", "-hk", "-mo", "-hant"].iter().any(|r| lower.contains(r));
    if traditional {
        return None;
    }
    let i = SOURCES
        .iter()
        .position(|(c, _)| c.to_ascii_lowercase().split('-').next() == Some(base))?;
    found(i)
}

/// The English locale.
pub fn english() -> &'static Locale {
    parsed(
        SOURCES
            .iter()
            .position(|(c, _)| *c == DEFAULT)
            .expect("English is built in"),
    )
}

/// `rtl` for a language written right to left, else `ltr`.
pub fn dir(language: &str) -> &'static str {
    let base = language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    if RTL.contains(&base.as_str()) { "rtl" } else { "ltr" }
}

/// The `[ui]` strings for `language`, every key filled (English where the locale has none).
pub fn strings(language: &str) -> &'static Strings {
    &site(language, &toml::Table::new()).ui
}

/// A site's strings: its language's locale with `[translations]` over it. `ui` has every
/// English key; `js` and `quiz` hold only what differs from the scripts' English tables
/// (empty for an English site without overrides). Made once per language and overrides.
pub fn site(language: &str, translations: &toml::Table) -> &'static Locale {
    static CACHE: OnceLock<Mutex<HashMap<String, &'static Locale>>> = OnceLock::new();
    let key = format!("{language}\n{translations}");
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(l) = cache.get(&key) {
        return l;
    }
    let en = english();
    let mut out = Locale {
        ui: en.ui.clone(),
        ..Locale::default()
    };
    if let Some((code, own)) = builtin(language).filter(|(c, _)| *c != DEFAULT) {
        out.meta = own.meta.clone();
        out.meta.insert("code".into(), code.into());
        out.ui.extend(own.ui.clone());
        out.js = own.js.clone();
        out.quiz = own.quiz.clone();
    }
    for (table, key, text) in overrides(translations) {
        out.table_mut(table).insert(key, text);
    }
    // A site of several tables shares nothing mutable: leaked once per configuration.
    let leaked: &'static Locale = Box::leak(Box::new(out));
    cache.insert(key, leaked);
    leaked
}

/// The English keys of each table: `[ui]` from en.toml, the scripts' from their English
/// tables (`key: "text",` lines of the `en: {` table of strings.js and quiz-strings.js).
pub fn english_keys(table: &str) -> &'static [String] {
    static KEYS: OnceLock<[Vec<String>; 3]> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        [
            english().ui.keys().cloned().collect(),
            script_keys(include_str!("../static/assets/strings.js")),
            script_keys(include_str!("../static/assets/quiz-strings.js")),
        ]
    });
    &keys[TABLES.iter().position(|t| *t == table).unwrap_or(2)]
}

fn script_keys(source: &str) -> Vec<String> {
    let Some(start) = source.find("en: {") else {
        return Vec::new();
    };
    let mut keys = Vec::new();
    for line in source[start..].lines().skip(1) {
        let line = line.trim();
        if line.starts_with('}') {
            break;
        }
        if let Some((key, _)) = line.split_once(": \"")
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            keys.push(key.to_string());
        }
    }
    keys
}

/// Whether `key` is an English key of `table`, or a plural form of one
/// (`quiz_cards_few` for `quiz_cards_other`).
pub fn known_key(table: &str, key: &str) -> bool {
    let keys = english_keys(table);
    keys.iter().any(|k| k == key)
        || PLURAL_CATEGORIES.iter().any(|cat| {
            key.strip_suffix(cat)
                .and_then(|k| k.strip_suffix('_'))
                .is_some_and(|stem| keys.iter().any(|k| k.strip_suffix("_other") == Some(stem)))
        })
}

/// The keys of English that a locale lacks, per table (plural forms other than `_other`
/// are optional: a language without the category never uses them).
pub fn missing_keys(locale: &Locale) -> Vec<(&'static str, &'static str)> {
    let mut missing = Vec::new();
    for table in TABLES {
        for key in english_keys(table) {
            let optional = PLURAL_CATEGORIES[..5].iter().any(|c| key.ends_with(&format!("_{c}")));
            if !optional && !locale.table(table).contains_key(key) {
                missing.push((table, key.as_str()));
            }
        }
    }
    missing
}

/// `[translations]` as (table, key, text): `key = "…"` for every table with that key,
/// `ui.key = "…"` (a `[translations.ui]` table) for one. Keys no table knows are kept
/// (the check in config.rs warns of them).
pub fn overrides(translations: &toml::Table) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    for (key, value) in translations {
        match value {
            toml::Value::String(text) => {
                let tables: Vec<&str> = TABLES.into_iter().filter(|t| known_key(t, key)).collect();
                for t in if tables.is_empty() { vec!["ui"] } else { tables } {
                    out.push((t, key.clone(), text.clone()));
                }
            }
            toml::Value::Table(inner) => {
                if let Some(t) = TABLES.into_iter().find(|t| t == key) {
                    for (k, v) in inner {
                        if let Some(text) = v.as_str() {
                            out.push((t, k.clone(), text.to_string()));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// One string of a table; a key missing from it is a bug in the theme, which the tests
/// of every template and of the question markup would meet.
pub fn text<'t>(strings: &'t Strings, key: &str) -> &'t str {
    strings
        .get(key)
        .map_or_else(|| panic!("locales/en.toml has no `{key}`"), String::as_str)
}

const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn icu_locale(language: &str) -> IcuLocale {
    IcuLocale::try_from_str(language).unwrap_or(IcuLocale::UNKNOWN)
}

thread_local! {
    // The ICU objects are not `Sync`: one of each per thread and language.
    static RULES: std::cell::RefCell<HashMap<String, PluralRules>> = Default::default();
    static FORMATTERS: std::cell::RefCell<HashMap<String, DecimalFormatter>> = Default::default();
}

/// The CLDR plural category of `n` in `language`: `one`, `few`, `other`, ….
pub fn plural(language: &str, n: u64) -> &'static str {
    let category = RULES.with_borrow_mut(|rules| {
        rules
            .entry(language.to_string())
            .or_insert_with(|| {
                PluralRules::try_new_cardinal(icu_locale(language).into())
                    .or_else(|_| PluralRules::try_new_cardinal(IcuLocale::UNKNOWN.into()))
                    .expect("compiled plural rules for the root locale")
            })
            .category_for(n)
    });
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// `n` written the way `language` writes numbers (`1,234`, `1.234`, `1 234`), in
/// Latin digits, which the scripts use too.
pub fn number(language: &str, n: u64) -> String {
    if n < 1000 {
        return n.to_string();
    }
    FORMATTERS.with_borrow_mut(|formatters| {
        formatters
            .entry(language.to_string())
            .or_insert_with(|| {
                let latin = format!("{}-u-nu-latn", icu_locale(language).id);
                DecimalFormatter::try_new(icu_locale(&latin).into(), Default::default())
                    .or_else(|_| DecimalFormatter::try_new(IcuLocale::UNKNOWN.into(), Default::default()))
                    .expect("compiled decimal data for the root locale")
            })
            .format(&fixed_decimal::Decimal::from(n))
            .to_string()
    })
}

/// The plural form of `stem` for `n` (`stem_few`, else `stem_other`) with `{n}` filled in.
pub fn count(strings: &Strings, language: &str, stem: &str, n: u64) -> String {
    let own = format!("{stem}_{}", plural(language, n));
    let template = strings
        .get(&own)
        .or_else(|| strings.get(&format!("{stem}_other")))
        .map_or_else(|| panic!("locales/en.toml has no `{stem}_other`"), String::as_str);
    template.replace("{n}", &number(language, n))
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
        assert_eq!(builtin("de-AT").map(|(c, _)| c), Some("de"));
        assert_eq!(builtin("pt").map(|(c, _)| c), Some("pt-BR"));
        assert_eq!(builtin("zh-cn").map(|(c, _)| c), Some("zh-CN"));
        assert_eq!(
            builtin("zh-TW").map(|(c, _)| c),
            None,
            "traditional Chinese is not simplified"
        );
        assert_ne!(text(strings("de"), "show_answer"), "Show answer");
    }

    #[test]
    fn every_locale_has_every_english_key_and_no_other() {
        assert!(english_keys("js").len() > 40, "{:?}", english_keys("js"));
        assert!(english_keys("quiz").len() > 200);
        for code in codes().filter(|c| *c != DEFAULT) {
            let locale = builtin(code).unwrap().1;
            assert_eq!(
                missing_keys(locale),
                Vec::<(&str, &str)>::new(),
                "locales/{code}.toml lacks keys"
            );
            for table in TABLES {
                for key in locale.table(table).keys() {
                    assert!(
                        known_key(table, key),
                        "locales/{code}.toml: [{table}] {key} is not an English key"
                    );
                }
            }
            assert_eq!(locale.meta.get("dir").map(String::as_str), Some(dir(code)), "{code}");
        }
    }

    /// A placeholder (`{n}`, `{section}`) in English is in every translation of the key,
    /// and a translation has none English lacks.
    #[test]
    fn translations_keep_the_placeholders() {
        let placeholders = |s: &str| -> Vec<String> {
            let mut v: Vec<String> = s
                .match_indices('{')
                .filter_map(|(i, _)| s[i..].find('}').map(|j| s[i..i + j + 1].to_string()))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let en_js = script_tables();
        for code in codes().filter(|c| *c != DEFAULT) {
            let locale = builtin(code).unwrap().1;
            for table in TABLES {
                for (key, text) in locale.table(table) {
                    let stem_other = PLURAL_CATEGORIES
                        .iter()
                        .find_map(|c| key.strip_suffix(&format!("_{c}")))
                        .map(|s| format!("{s}_other"));
                    let english = match table {
                        "ui" => english()
                            .ui
                            .get(key)
                            .or_else(|| stem_other.as_ref().and_then(|k| english().ui.get(k))),
                        _ => en_js
                            .get(key)
                            .or_else(|| stem_other.as_ref().and_then(|k| en_js.get(k))),
                    };
                    let Some(english) = english else { continue };
                    let mut want = placeholders(english);
                    let mut got = placeholders(text);
                    // A language may leave the number out of its singular ("Eine Karte").
                    if key.ends_with("_one") || key.ends_with("_zero") || key.ends_with("_two") {
                        want.retain(|p| p != "{n}");
                        got.retain(|p| p != "{n}");
                    }
                    assert_eq!(got, want, "locales/{code}.toml [{table}] {key} = {text:?}");
                }
            }
        }
    }

    fn script_tables() -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for source in [
            include_str!("../static/assets/strings.js"),
            include_str!("../static/assets/quiz-strings.js"),
        ] {
            let start = source.find("en: {").unwrap();
            for line in source[start..].lines().skip(1) {
                let line = line.trim();
                if line.starts_with('}') {
                    break;
                }
                if let Some((key, rest)) = line.split_once(": \"") {
                    out.insert(
                        key.to_string(),
                        rest.trim_end_matches(',').trim_end_matches('"').to_string(),
                    );
                }
            }
        }
        out
    }

    #[test]
    fn plural_categories_come_from_cldr() {
        assert_eq!(plural("en", 1), "one");
        assert_eq!(plural("en", 2), "other");
        assert_eq!(plural("pl", 2), "few");
        assert_eq!(plural("pl", 5), "many");
        assert_eq!(plural("pl", 22), "few");
        assert_eq!(plural("ru", 21), "one");
        assert_eq!(plural("ru", 11), "many");
        assert_eq!(plural("ar", 0), "zero");
        assert_eq!(plural("ar", 2), "two");
        assert_eq!(plural("ar", 3), "few");
        assert_eq!(plural("ar", 11), "many");
        assert_eq!(plural("ja", 1), "other");
        assert_eq!(plural("fr", 0), "one");
        assert_eq!(plural("xx-nonsense", 1), "other");
    }

    #[test]
    fn counts_pick_the_form_and_format_the_number() {
        let en = strings("en");
        assert_eq!(count(en, "en", "n_questions", 1), "1 question");
        assert_eq!(count(en, "en", "n_questions", 1234), "1,234 questions");
        let pl = strings("pl");
        assert_eq!(count(pl, "pl", "n_questions", 1), "1 pytanie");
        assert_eq!(count(pl, "pl", "n_questions", 3), "3 pytania");
        assert_eq!(count(pl, "pl", "n_questions", 5), "5 pytań");
        assert_eq!(number("de", 12345), "12.345");
        assert_eq!(number("fr", 12345), "12\u{202f}345");
        assert_eq!(number("ar", 12345), "12,345");
    }

    #[test]
    fn translations_override_one_table_or_every_table_with_the_key() {
        let t: toml::Table =
            toml::from_str("show_answer = \"Reveal\"\nquiz_start = \"Go\"\n[ui]\nquestion_one = \"item\"").unwrap();
        let s = site("de", &t);
        assert_eq!(s.ui["show_answer"], "Reveal");
        assert_eq!(s.quiz["quiz_start"], "Go");
        assert_eq!(s.ui["question_one"], "item");
        assert_ne!(s.js.get("question_one").map(String::as_str), Some("item"));
        assert!(site("en", &toml::Table::new()).js.is_empty());
    }
}
