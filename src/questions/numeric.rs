//! Numeric answers: a free question whose answer holds `**Answer:** 42 ± 0.5 ms` (also
//! `+/-`, a tolerance in percent `42 ± 5%`), a range `40..45 ms`, or an exact `42 ms`.
//! Only a value starting with a digit, a sign or a point makes the question numeric (so
//! `**Answer:** use a cache` stays a free answer); such a value that does not parse is an
//! error naming where it is.

use super::model::{Draft, NumericAnswer, QuestionKind};
use super::typed::labelled;
use crate::diagnostics::Diagnostic;
use crate::markdown::Locator;

/// Makes `draft` a numeric question when its answer has a numeric `**Answer:**` line.
pub(super) fn read(draft: &mut Draft, loc: &Locator, diags: &mut Vec<Diagnostic>) {
    let Some((line, at)) = labelled(&draft.answer, "Answer:") else {
        return;
    };
    if !line.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | '−')) {
        return;
    }
    match parse(&line) {
        Ok(n) => {
            draft.kind = QuestionKind::Numeric;
            draft.numeric = Some(n);
        }
        Err(why) => diags.push(
            loc.error(at, format!("numeric answer `{line}` does not parse: {why}"))
                .with_help(
                    "write a number with a tolerance or a range and a unit: `42 ± 0.5 ms`, `40..45 ms`, `42 ms`",
                ),
        ),
    }
}

/// A number at the start of `s` and the rest.
fn number(s: &str) -> Option<(f64, &str)> {
    let s = s.trim_start();
    let (neg, body) = match s.chars().next()? {
        '-' | '−' => (true, &s[s.chars().next()?.len_utf8()..]),
        '+' => (false, &s[1..]),
        _ => (false, s),
    };
    let mut end = 0;
    let mut dot = false;
    let b = body.as_bytes();
    while end < b.len() {
        match b[end] {
            b'0'..=b'9' => {}
            // a point followed by a digit (`40..45` is a range)
            b'.' if !dot && b.get(end + 1).is_some_and(u8::is_ascii_digit) => dot = true,
            _ => break,
        }
        end += 1;
    }
    let v: f64 = body[..end].parse().ok()?;
    Some((if neg { -v } else { v }, &body[end..]))
}

/// `42 ± 0.5 ms`, `42 +/- 5%`, `40..45 ms`, `40 – 45 ms` is not (a dash may be a minus), `42 ms`.
pub fn parse(text: &str) -> Result<NumericAnswer, String> {
    let (v, rest) = number(text).ok_or("no number at the start")?;
    let rest = rest.trim_start();
    let (min, max, rest) = if let Some(r) = rest.strip_prefix('±').or_else(|| rest.strip_prefix("+/-")) {
        let (t, r) = number(r).ok_or("no tolerance after `±`")?;
        let (t, r) = match r.trim_start().strip_prefix('%') {
            Some(r) => (v.abs() * t / 100.0, r),
            None => (t, r),
        };
        if t < 0.0 {
            return Err("the tolerance is negative".into());
        }
        (v - t, v + t, r)
    } else if let Some(r) = rest.strip_prefix("..") {
        let (hi, r) = number(r).ok_or("no upper bound after `..`")?;
        if hi < v {
            return Err(format!("the range {v}..{hi} runs backwards"));
        }
        (v, hi, r)
    } else {
        (v, v, rest)
    };
    let unit = rest.trim().trim_end_matches('.').trim();
    if unit.contains(char::is_whitespace) || unit.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!("`{unit}` is not a unit"));
    }
    Ok(NumericAnswer {
        min,
        max,
        unit: unit.to_string(),
        text: text.trim().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn range(s: &str) -> (f64, f64, String) {
        let n = parse(s).unwrap();
        (n.min, n.max, n.unit)
    }

    #[test]
    fn tolerance_range_exact_and_units() {
        assert_eq!(range("42 ± 0.5 ms"), (41.5, 42.5, "ms".into()));
        assert_eq!(range("42 +/- 5%"), (39.9, 44.1, "".into()));
        assert_eq!(range("40..45 ms"), (40.0, 45.0, "ms".into()));
        assert_eq!(range("-3.5 m/s²"), (-3.5, -3.5, "m/s²".into()));
        assert_eq!(range("1024"), (1024.0, 1024.0, "".into()));
    }

    #[test]
    fn what_does_not_parse() {
        assert!(parse("42 ± ms").is_err());
        assert!(parse("45..40").is_err());
        assert!(parse("42 or so ms").is_err());
        assert!(parse("..5").is_err());
    }
}
