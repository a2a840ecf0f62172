//! Natural order of names (`Week 2` before `Week 10`) and sorting prefixes (`01-`).

use std::cmp::Ordering;

/// `01-intro` → `intro`: a number and a separator in front of a name sort it, and are
/// not part of its title; nor is the id a Notion export puts after a page's or folder's
/// name (`Lecture 1 1b2c3d4e5f60718293a4b5c6d7e8f901` → `Lecture 1`).
pub fn without_prefix(name: &str) -> &str {
    let name = without_notion_id(name);
    let digits = name.len() - name.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return name;
    }
    let rest = &name[digits..];
    let trimmed = rest.trim_start_matches(['-', '_', '.', ' ']);
    // (`2024-09-02`, `1.2 notes`: a date or a version, not a sorting prefix)
    if trimmed.len() == rest.len() || trimmed.is_empty() || trimmed.starts_with(|c: char| c.is_ascii_digit()) {
        name
    } else {
        trimmed
    }
}

/// A Jekyll post's title from its file name, as Jekyll makes it when the post gives
/// none: the date left out, each word capitalised (`2020-01-01-hello-world` → `Hello
/// World`). None for a name that does not start with a date.
pub fn post_title(stem: &str) -> Option<String> {
    let b = stem.as_bytes();
    let dated = b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && b[10] == b'-';
    if !dated {
        return None;
    }
    let words: Vec<String> = stem[11..]
        .split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A name without the ` <32 hex digits>` id Notion exports end it with.
fn without_notion_id(name: &str) -> &str {
    let Some((stem, id)) = name.rsplit_once(' ') else {
        return name;
    };
    let is_id = id.len() == 32 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if is_id && !stem.trim().is_empty() {
        stem.trim_end()
    } else {
        name
    }
}

/// Natural order: runs of digits compare as numbers, the rest case-insensitively.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    loop {
        match (x.chars().next(), y.chars().next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let (nx, rx) = split_digits(x);
                let (ny, ry) = split_digits(y);
                let (tx, ty) = (nx.trim_start_matches('0'), ny.trim_start_matches('0'));
                let o = tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty));
                if o != Ordering::Equal {
                    return o;
                }
                (x, y) = (rx, ry);
            }
            (Some(c), Some(d)) => {
                let o = c.to_lowercase().cmp(d.to_lowercase());
                if o != Ordering::Equal {
                    return o;
                }
                (x, y) = (&x[c.len_utf8()..], &y[d.len_utf8()..]);
            }
        }
    }
}

fn split_digits(s: &str) -> (&str, &str) {
    let n = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    s.split_at(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_puts_2_before_10() {
        let mut v = vec!["Week 10.md", "Week 2.md", "week 1.md", "a.md", "Week 02b.md"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, vec!["a.md", "week 1.md", "Week 2.md", "Week 02b.md", "Week 10.md"]);
    }

    #[test]
    fn jekyll_posts_are_titled_from_their_slug() {
        assert_eq!(post_title("2020-01-01-hello-world").as_deref(), Some("Hello World"));
        assert_eq!(post_title("2021-12-31-aws-s3").as_deref(), Some("Aws S3"));
        assert_eq!(post_title("2020-01-01-").as_deref(), None);
        assert_eq!(post_title("notes-2020").as_deref(), None);
        assert_eq!(post_title("2020-1-01-x").as_deref(), None);
    }

    #[test]
    fn sorting_prefixes_leave_the_title() {
        assert_eq!(without_prefix("01-intro"), "intro");
        assert_eq!(
            without_prefix("Lecture 1 1b2c3d4e5f60718293a4b5c6d7e8f901"),
            "Lecture 1"
        );
        assert_eq!(without_prefix("01 Week 2 1b2c3d4e5f60718293a4b5c6d7e8f901"), "Week 2");
        assert_eq!(
            without_prefix("1b2c3d4e5f60718293a4b5c6d7e8f901"),
            "1b2c3d4e5f60718293a4b5c6d7e8f901"
        );
        assert_eq!(
            without_prefix("Hash 1B2C3D4E5F60718293A4B5C6D7E8F901"),
            "Hash 1B2C3D4E5F60718293A4B5C6D7E8F901"
        );
        assert_eq!(without_prefix("2_Setup"), "Setup");
        assert_eq!(without_prefix("2024"), "2024");
        assert_eq!(without_prefix("2024-09-02"), "2024-09-02");
        assert_eq!(without_prefix("1.2.3 release notes"), "1.2.3 release notes");
        assert_eq!(without_prefix("3d-models"), "3d-models");
        assert_eq!(without_prefix("Week 2 - Linear Models"), "Week 2 - Linear Models");
    }
}
